package cn.zhangzhou.partybuilding.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import cn.zhangzhou.partybuilding.events.DomainEvent;
import cn.zhangzhou.partybuilding.events.EventCatalog;
import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.EventJson;
import cn.zhangzhou.partybuilding.events.EventType;
import cn.zhangzhou.partybuilding.events.Topics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Transactional outbox (decision 0001, docs/architecture.md): an event is written to {@code outbox_event} in the
 * same database transaction as the state change it describes, so either both commit or neither does;
 * the {@link OutboxRelay} publishes it afterwards.
 */
public class Outbox {

    private static final String INSERT = """
            insert into outbox_event (event_id, topic, aggregate_id, aggregate_version, event_type, data_schema,
                                      payload, traceparent, occurred_at)
            values (:eventId, :topic, :aggregateId, :aggregateVersion, :eventType, :dataSchema,
                    :payload, :traceparent, :occurredAt)
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate mandatory;
    private final String district;
    private final String service;
    private final String topic;
    private final TraceparentSource traceparents;
    private final OutboxSignal signal;
    private final Clock clock;

    public Outbox(JdbcClient jdbc, PlatformTransactionManager transactionManager, MessagingProperties properties,
                  TraceparentSource traceparents, OutboxSignal signal, Clock clock, MessagingSchema schema) {
        this.jdbc = jdbc;
        this.mandatory = new TransactionTemplate(transactionManager);
        this.mandatory.setPropagationBehavior(TransactionDefinition.PROPAGATION_MANDATORY);
        this.district = properties.district();
        this.service = properties.service();
        this.topic = Topics.events(district, service);
        this.traceparents = traceparents;
        this.signal = signal;
        this.clock = clock;
    }

    /**
     * Appends the event in the caller's current database transaction (Propagation.MANDATORY: fail if
     * none). Captures the current W3C traceparent (Micrometer Tracing, if a span is current) to send
     * with it.
     *
     * @param aggregateVersion the aggregate's version after this event (>= 1)
     * @return the CloudEvents envelope the event will be published with
     * @throws org.springframework.transaction.IllegalTransactionStateException without a transaction
     * @throws IllegalArgumentException if the event is not a registered type of this service
     */
    public EventEnvelope append(DomainEvent event, long aggregateVersion) {
        return append(EventCatalog.of(event), event, aggregateVersion);
    }

    /** As {@link #append(DomainEvent, long)}, with the event type given explicitly. */
    public <E extends DomainEvent> EventEnvelope append(EventType<E> type, E event, long aggregateVersion) {
        if (!type.service().equals(service)) {
            // A service publishes only its own contracts, on its own topic.
            throw new IllegalArgumentException(type.ceType() + " is not an event of service " + service);
        }
        return mandatory.execute(status -> {
            // Microseconds: what PostgreSQL stores, so ce_time is the same before and after the relay.
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            EventEnvelope envelope = EventEnvelope.create(type, district, event.aggregateId(), aggregateVersion, now,
                    traceparents.current());
            jdbc.sql(INSERT)
                    .param("eventId", envelope.id())
                    .param("topic", topic)
                    .param("aggregateId", envelope.subject())
                    .param("aggregateVersion", aggregateVersion)
                    .param("eventType", envelope.type())
                    .param("dataSchema", envelope.dataSchema() == null ? null : envelope.dataSchema().toString())
                    .param("payload", EventJson.toBytes(event))
                    .param("traceparent", envelope.traceparent())
                    .param("occurredAt", Timestamp.from(now))
                    .update();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    signal.signal();
                }
            });
            return envelope;
        });
    }

    /** The topic this service's events go to: {@code <district>.<service>.events}. */
    public String topic() {
        return topic;
    }
}
