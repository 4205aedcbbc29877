package cn.zhangzhou.partybuilding.messaging.testapp;

import cn.zhangzhou.partybuilding.events.membership.OrganisationRenamed;
import cn.zhangzhou.partybuilding.messaging.InboundEvents;
import cn.zhangzhou.partybuilding.messaging.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A consumer of every district's membership events, counting the effect of each event. */
@Component
public class RenamedProjection {

    public static final String CONSUMER = "test-projection";
    public static final String ALWAYS_FAILS = "always fails";

    private final InboundEvents inbound;
    private final JdbcClient jdbc;

    RenamedProjection(InboundEvents inbound, JdbcClient jdbc) {
        this.inbound = inbound;
        this.jdbc = jdbc;
    }

    @KafkaListener(topicPattern = "[a-z]+\\.membership\\.events", groupId = CONSUMER)
    void on(ConsumerRecord<String, byte[]> record) {
        inbound.process(CONSUMER, record, this::apply);
    }

    public void apply(IncomingEvent<?> event) {
        if (event.data() instanceof OrganisationRenamed renamed) {
            if (renamed.name().equals(ALWAYS_FAILS)) {
                // A failure that is not the record's fault: retried, then dead-lettered.
                throw new IllegalStateException("projection store rejected " + event.envelope().id());
            }
            jdbc.sql("""
                    insert into applied_event (event_id, organisation_id, name, version, applied_count)
                    values (:eventId, :organisationId, :name, :version, 1)
                    on conflict (event_id) do update set applied_count = applied_event.applied_count + 1
                    """)
                    .param("eventId", event.envelope().id())
                    .param("organisationId", renamed.organisationId())
                    .param("name", renamed.name())
                    .param("version", event.envelope().aggregateVersion())
                    .update();
        }
    }
}
