package cn.zhangzhou.partybuilding.messaging;

import cn.zhangzhou.partybuilding.events.DomainEvent;
import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.EventType;

/** A consumed event, validated and mapped to its record, handed to an {@link IncomingEventHandler}. */
public record IncomingEvent<E extends DomainEvent>(EventEnvelope envelope, EventType<E> type, E data, String topic) {
}
