package cn.zhangzhou.partybuilding.dashboard.projection;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import cn.zhangzhou.partybuilding.messaging.InboundEvents;

/**
 * Every district's membership, wishes, volunteering and evaluation events (a pattern subscription: a district that
 * starts later is picked up at the next metadata refresh; dead-letter topics do not match), each applied once in one
 * transaction with its dedup record ({@link InboundEvents}: duplicates once, stale versions skipped, poison
 * dead-lettered).
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

    @KafkaListener(id = CONSUMER, idIsGroup = false,
            topicPattern = "[a-z]+\\.(membership|wishes|volunteering|evaluation)\\.events")
    void onEvent(ConsumerRecord<String, byte[]> record) {
        inbound.process(CONSUMER, record, projections::apply);
    }
}
