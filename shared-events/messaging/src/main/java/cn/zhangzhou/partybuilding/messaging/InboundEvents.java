package cn.zhangzhou.partybuilding.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

import cn.zhangzhou.partybuilding.events.DomainEvent;
import cn.zhangzhou.partybuilding.events.EventCatalog;
import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.EventJson;
import cn.zhangzhou.partybuilding.events.EventSchemas;
import cn.zhangzhou.partybuilding.events.EventType;
import cn.zhangzhou.partybuilding.events.InvalidEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The idempotent consumer (docs/conventions.md, "Events"): at-least-once delivery, exactly-once effects. The
 * handler's effect, the {@code (consumer, ce_id)} row and the newest applied aggregate version commit in
 * one database transaction.
 */
public class InboundEvents {

    /** What {@link #process} did with a record. */
    public enum Outcome {
        /** The handler ran and its effect committed. */
        APPLIED,
        /** This consumer had already processed this {@code ce_id}. */
        DUPLICATE,
        /**
         * This consumer had already applied a newer (or the same) version of the aggregate, under another
         * {@code ce_id}. Our relays never send that (decision 0017: a resent earlier version is a DUPLICATE);
         * it guards against events replayed from outside, such as re-published dead letters.
         */
        STALE,
        /** A {@code ce_type} this build does not know (a newer producer); skipped, not an error. */
        UNKNOWN_TYPE
    }

    private static final Logger log = LoggerFactory.getLogger(InboundEvents.class);

    private static final String RECORD_PROCESSED = """
            insert into processed_event (consumer, event_id) values (:consumer, :eventId)
            on conflict do nothing
            """;

    // Moves last_version forward only; 0 rows means the event is not newer than what was applied.
    private static final String ADVANCE_VERSION = """
            insert into consumed_aggregate (consumer, source, subject, last_version)
            values (:consumer, :source, :subject, :version)
            on conflict (consumer, source, subject) do update set last_version = excluded.last_version
            where consumed_aggregate.last_version < excluded.last_version
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private final TransactionTemplate transaction;
    private final MeterRegistry meters;
    private final EventSpans spans;
    private final Map<String, Counter> consumed = new ConcurrentHashMap<>();

    public InboundEvents(DataSource dataSource, PlatformTransactionManager transactionManager, MeterRegistry meters,
                         MessagingSchema schema) {
        this(dataSource, transactionManager, meters, schema, EventSpans.NONE);
    }

    public InboundEvents(DataSource dataSource, PlatformTransactionManager transactionManager, MeterRegistry meters,
                         MessagingSchema schema, EventSpans spans) {
        this.jdbc = JdbcClient.create(dataSource);
        this.batches = new NamedParameterJdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(transactionManager);
        this.meters = meters;
        this.spans = spans;
    }

    /**
     * Processes one consumed record: reads the envelope, parses and validates the JSON, maps it to the
     * record, then in one database transaction skips it if {@code (consumer, ce_id)} was already
     * processed, skips it if its aggregate version is not newer than the last applied one for
     * {@code (consumer, ce_source, ce_subject)}, else calls the handler and records both. All of it is one span,
     * a child of the record's {@code traceparent}.
     *
     * @param consumer the consuming component, usually the listener's group id
     * @throws InvalidEventException when the record is not a CloudEvent, not JSON or breaks its schema
     *         (not retryable: it goes to the dead-letter topic)
     */
    public Outcome process(String consumer, ConsumerRecord<String, byte[]> record, IncomingEventHandler handler) {
        return spans.process(consumer, record, () -> processInSpan(consumer, record, handler));
    }

    private Outcome processInSpan(String consumer, ConsumerRecord<String, byte[]> record, IncomingEventHandler handler) {
        IncomingEvent<?> event = readKnown(consumer, record);
        if (event == null) {
            return counted(consumer, Outcome.UNKNOWN_TYPE);
        }
        Outcome outcome = transaction.execute(status -> {
            int first = jdbc.sql(RECORD_PROCESSED)
                    .param("consumer", consumer)
                    .param("eventId", event.envelope().id())
                    .update();
            if (first == 0) {
                return Outcome.DUPLICATE;
            }
            int newer = jdbc.sql(ADVANCE_VERSION).paramSource(versionOf(consumer, event.envelope())).update();
            if (newer == 0) {
                return Outcome.STALE;
            }
            handler.handle(event);
            return Outcome.APPLIED;
        });
        return counted(consumer, outcome);
    }

    /**
     * Processes a poll's records in one database transaction, with the guarantees of {@link #process} for each: the
     * dedup records and version checks run as JDBC batches in the records' order (so a duplicate or an older version
     * later in the same batch is seen as such), then the handler gets every event to apply at once. A handler that
     * fails takes the batch back to one record per transaction, so the records before the failing one commit and the
     * failing one is retried alone (or dead-lettered, if it is poison).
     *
     * @throws BatchListenerFailedException naming the first record that failed (poison, or not applicable now): the
     *         records before it are committed, the listener's error handler commits their offsets, retries or
     *         dead-letters that record and delivers the rest again
     */
    public List<Outcome> processBatch(String consumer, List<ConsumerRecord<String, byte[]>> records,
                                      IncomingBatchHandler handler) {
        if (records.isEmpty()) {
            return List.of();
        }
        List<IncomingEvent<?>> events = new ArrayList<>(records.size());
        List<Outcome> outcomes = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                IncomingEvent<?> event = readKnown(consumer, records.get(i));
                events.add(event);
                outcomes.add(event == null ? Outcome.UNKNOWN_TYPE : null);
            } catch (InvalidEventException poison) {
                // The good records before it are applied first: none of them is lost or applied twice.
                processBatch(consumer, records.subList(0, i), handler);
                throw new BatchListenerFailedException(poison.getMessage(), poison, i);
            }
        }
        try {
            transaction.executeWithoutResult(status -> applyBatch(consumer, events, outcomes, handler));
        } catch (RuntimeException failed) {
            log.debug("{}: a batch of {} failed ({}), applying it one record at a time", consumer, records.size(),
                    failed.toString());
            return oneByOne(consumer, records, handler);
        }
        outcomes.forEach(outcome -> counted(consumer, outcome));
        return outcomes;
    }

    private void applyBatch(String consumer, List<IncomingEvent<?>> events, List<Outcome> outcomes,
                            IncomingBatchHandler handler) {
        List<Integer> known = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) != null) {
                known.add(i);
            }
        }
        int[] first = batches.batchUpdate(RECORD_PROCESSED, known.stream()
                .map(i -> new MapSqlParameterSource("consumer", consumer)
                        .addValue("eventId", events.get(i).envelope().id()))
                .toArray(SqlParameterSource[]::new));
        List<Integer> unseen = new ArrayList<>();
        for (int k = 0; k < known.size(); k++) {
            if (first[k] == 0) {
                outcomes.set(known.get(k), Outcome.DUPLICATE);
            } else {
                unseen.add(known.get(k));
            }
        }
        int[] newer = batches.batchUpdate(ADVANCE_VERSION, unseen.stream()
                .map(i -> versionOf(consumer, events.get(i).envelope()))
                .toArray(SqlParameterSource[]::new));
        List<IncomingEvent<?>> applied = new ArrayList<>(unseen.size());
        for (int k = 0; k < unseen.size(); k++) {
            Outcome outcome = newer[k] == 0 ? Outcome.STALE : Outcome.APPLIED;
            outcomes.set(unseen.get(k), outcome);
            if (outcome == Outcome.APPLIED) {
                applied.add(events.get(unseen.get(k)));
            }
        }
        if (!applied.isEmpty()) {
            handler.handle(applied);
        }
    }

    private List<Outcome> oneByOne(String consumer, List<ConsumerRecord<String, byte[]>> records,
                                   IncomingBatchHandler handler) {
        List<Outcome> outcomes = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                outcomes.add(process(consumer, records.get(i), event -> handler.handle(List.of(event))));
            } catch (RuntimeException failed) {
                throw new BatchListenerFailedException(failed.getMessage(), failed, i);
            }
        }
        return outcomes;
    }

    private static SqlParameterSource versionOf(String consumer, EventEnvelope envelope) {
        return new MapSqlParameterSource("consumer", consumer)
                .addValue("source", envelope.source().toString())
                .addValue("subject", envelope.subject())
                .addValue("version", envelope.aggregateVersion());
    }

    /** The record's event, or null for a type this build does not know. */
    private IncomingEvent<?> readKnown(String consumer, ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = EventEnvelope.readFrom(record.headers());
        Optional<EventType<?>> type = EventCatalog.byCeType(envelope.type());
        if (type.isEmpty()) {
            log.debug("{}: skipping unknown event type {} ({})", consumer, envelope.type(), envelope.id());
            return null;
        }
        return read(envelope, type.get(), record);
    }

    private <E extends DomainEvent> IncomingEvent<E> read(EventEnvelope envelope, EventType<E> type,
                                                           ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new InvalidEventException("event " + envelope.id() + " has no payload");
        }
        JsonNode json = EventJson.parse(record.value());
        validateAgainstSchema(type, json);
        E data = EventJson.read(json, type.javaType());
        if (!envelope.subject().equals(data.aggregateId())) {
            throw new InvalidEventException("ce_subject " + envelope.subject() + " is not the aggregate id "
                    + data.aggregateId() + " of event " + envelope.id());
        }
        return new IncomingEvent<>(envelope, type, data, record.topic());
    }

    /**
     * Validates the payload against its event type's JSON Schema, the contract's source of truth, before
     * it is mapped onto the record: a payload that breaks the schema is poison, whatever Java would accept.
     *
     * @throws InvalidEventException naming the failing fields
     */
    protected void validateAgainstSchema(EventType<?> type, JsonNode payload) {
        EventSchemas.validate(type, payload);
    }

    private Outcome counted(String consumer, Outcome outcome) {
        consumed.computeIfAbsent(consumer + '\u0000' + outcome, key -> Counter.builder("zz.events.consumed")
                .description("Consumed events by consumer and outcome")
                .tag("consumer", consumer)
                .tag("outcome", outcome.name().toLowerCase())
                .register(meters)).increment();
        return outcome;
    }
}
