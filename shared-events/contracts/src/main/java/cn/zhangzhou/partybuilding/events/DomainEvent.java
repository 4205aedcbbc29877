package cn.zhangzhou.partybuilding.events;

/**
 * A fact that happened to one aggregate. Implemented by the event records of {@code shared-events};
 * the record is the payload ({@code data}) of a CloudEvent, its aggregate id the Kafka key and
 * {@code ce_subject}.
 */
public interface DomainEvent {

    /** The id of the aggregate this event belongs to: Kafka key and CloudEvents subject. */
    String aggregateId();
}
