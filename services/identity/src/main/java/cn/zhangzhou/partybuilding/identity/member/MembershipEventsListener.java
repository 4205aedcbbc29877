package cn.zhangzhou.partybuilding.identity.member;

import java.util.List;
import java.util.Set;

import cn.zhangzhou.partybuilding.events.EventType;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferredOut;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.messaging.InboundEvents;
import cn.zhangzhou.partybuilding.messaging.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Learns from every district's membership events which district holds each member: a registration (new, or on
 * arrival by a transfer) and a transfer out. A poll's events are applied in one transaction
 * ({@link InboundEvents#processBatch}): each once and never older after newer; only the two types it applies keep a
 * version row per aggregate (decision 0033: the other types change nothing here).
 */
@Component
class MembershipEventsListener {

    static final String CONSUMER = "identity-member-homes";

    /** The types {@link #apply} uses: a member's home follows their order. */
    private static final Set<EventType<?>> APPLIED = Set.of(MembershipEvents.MEMBER_REGISTERED,
            MembershipEvents.MEMBER_TRANSFERRED_OUT);

    private final InboundEvents inbound;
    private final MemberHomeStore homes;

    MembershipEventsListener(InboundEvents inbound, MemberHomeStore homes) {
        this.inbound = inbound;
        this.homes = homes;
    }

    @KafkaListener(id = CONSUMER, idIsGroup = false, topicPattern = "[a-z]+\\.membership\\.events", batch = "true")
    void onEvents(List<ConsumerRecord<String, byte[]>> records) {
        inbound.processBatch(CONSUMER, records, events -> events.forEach(this::apply), APPLIED::contains);
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
