package cn.zhangzhou.partybuilding.identity.member;

import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferredOut;
import cn.zhangzhou.partybuilding.messaging.InboundEvents;
import cn.zhangzhou.partybuilding.messaging.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Learns from every district's membership events which district holds each member: a registration (new, or on
 * arrival by a transfer) and a transfer out. Each event is applied once and never older after newer
 * ({@link InboundEvents}).
 */
@Component
class MembershipEventsListener {

    static final String CONSUMER = "identity-member-homes";

    private final InboundEvents inbound;
    private final MemberHomeStore homes;

    MembershipEventsListener(InboundEvents inbound, MemberHomeStore homes) {
        this.inbound = inbound;
        this.homes = homes;
    }

    @KafkaListener(id = CONSUMER, idIsGroup = false, topicPattern = "[a-z]+\\.membership\\.events")
    void onEvent(ConsumerRecord<String, byte[]> record) {
        inbound.process(CONSUMER, record, this::apply);
    }

    private void apply(IncomingEvent<?> event) {
        String from = event.envelope().district();
        if (event.data() instanceof MemberRegistered e) {
            homes.registered(e.memberId(), from);
        } else if (event.data() instanceof MemberTransferredOut e) {
            homes.transferredOut(e.memberId(), from);
        }
    }
}
