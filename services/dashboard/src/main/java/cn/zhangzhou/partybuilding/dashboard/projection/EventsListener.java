package cn.zhangzhou.partybuilding.dashboard.projection;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import cn.zhangzhou.partybuilding.messaging.InboundEvents;

/**
 * Every district's membership, wishes, volunteering and evaluation events (a pattern subscription: a district that
 * starts later is picked up at the next metadata refresh; dead-letter topics do not match), a poll's batch applied in
 * one transaction with the events' dedup records ({@link InboundEvents#processBatch}: duplicates once, stale versions
 * skipped, poison dead-lettered alone), its offsets committed after that transaction (the container's batch ack).
 */
@Component
class EventsListener {

    static final String CONSUMER = "dashboard";

    private final InboundEvents inbound;
    private final Projections projections;

    EventsListener(InboundEvents inbound, Projections projections) {
        this.inbound = inbound;
        this.projections = projections;
    }

    /**
     * Two consumers of the group in the service (the districts' partitions shared between them): one applies its batch
     * while the other waits for PostgreSQL, so a replay uses both of a small machine's cores (docs/performance.md,
     * "Dashboard"). Their transactions touch one row in common, a district's freshness, always in district order.
     */
    @KafkaListener(id = CONSUMER, idIsGroup = false, concurrency = "${zz.dashboard.consumers:2}",
            topicPattern = "[a-z]+\\.(membership|wishes|volunteering|evaluation)\\.events", batch = "true")
    void onEvents(List<ConsumerRecord<String, byte[]>> records) {
        inbound.processBatch(CONSUMER, records, projections::apply);
    }
}
