package cn.zhangzhou.partybuilding.messaging.testapp;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
    /** An event the projection's store fails to take five times (not the event's fault), then takes. */
    public static final String FAILS_FIVE_TIMES = "fails five times";
    /** An event the projection holds until the test {@link #release() releases} it. */
    public static final String HELD = "held until released";

    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean holding;

    private final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();

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
            if (renamed.name().equals(HELD)) {
                hold();
            }
            if (renamed.name().equals(FAILS_FIVE_TIMES) && attempt(event) <= 5) {
                // A failure that is not the record's fault: retried until it passes, never dead-lettered.
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

    private void hold() {
        holding = true;
        try {
            if (!released.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            holding = false;
        }
    }

    /** Whether the listener is inside {@link #apply} of a {@link #HELD} event, waiting. */
    public boolean holding() {
        return holding;
    }

    public void release() {
        released.countDown();
    }

    /** How many times the projection was handed this event, this one included. */
    public int attempt(IncomingEvent<?> event) {
        return attempts.computeIfAbsent(event.envelope().id(), id -> new AtomicInteger()).incrementAndGet();
    }

    public int attempts(UUID eventId) {
        return attempts.getOrDefault(eventId, new AtomicInteger()).get();
    }
}
