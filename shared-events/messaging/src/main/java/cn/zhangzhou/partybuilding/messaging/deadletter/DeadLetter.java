package cn.zhangzhou.partybuilding.messaging.deadletter;

import java.time.Instant;
import java.util.Map;

/**
 * A record one of this service's listeners sent to {@code <topic>-dlt} (decision 0005), as an operator sees it: where it
 * lies, where it came from, why it was refused, its CloudEvents headers and payload, and what was done with it
 * (decision 0022).
 *
 * @param deadLetterTopic     the dead-letter topic; with the partition and offset, the record's address in the API
 * @param deadLetterPartition its partition in the dead-letter topic
 * @param deadLetterOffset    its offset there
 * @param deadLetteredAt      when it was dead-lettered (the dead-letter record's timestamp)
 * @param topic               the source topic, where a replay sends it
 * @param partition           its partition in the source topic
 * @param offset              its offset in the source topic
 * @param consumerGroup       the consumer group that refused it
 * @param key                 the record's key (the aggregate id), as text
 * @param exception           the class of the exception that refused it
 * @param exceptionMessage    that exception's message
 * @param headers             the CloudEvents headers ({@code ce_*}) and {@code traceparent}, as text
 * @param payload             the value as text when it is UTF-8, else base64
 * @param payloadEncoding     {@code utf-8} or {@code base64}
 * @param state               NEW, or what an operator did with it
 * @param action              who did that, when and why; null while NEW
 */
public record DeadLetter(String deadLetterTopic, int deadLetterPartition, long deadLetterOffset, Instant deadLetteredAt,
                         String topic, Integer partition, Long offset, String consumerGroup, String key,
                         String exception, String exceptionMessage, Map<String, String> headers, String payload,
                         String payloadEncoding, State state, Action action) {

    /** NEW until an operator replays or discards it; a dead letter is acted on once. */
    public enum State { NEW, REPLAYED, DISCARDED }

    /** An operator's action, from the audit table {@code dead_letter_action}. */
    public record Action(State state, String by, Instant at, String reason) {
    }

    /** Where a dead letter lies: the address of the API's single-record operations. */
    record Address(String deadLetterTopic, int partition, long offset) {
    }

    Address address() {
        return new Address(deadLetterTopic, deadLetterPartition, deadLetterOffset);
    }

    DeadLetter with(Action done) {
        return new DeadLetter(deadLetterTopic, deadLetterPartition, deadLetterOffset, deadLetteredAt, topic, partition,
                offset, consumerGroup, key, exception, exceptionMessage, headers, payload, payloadEncoding,
                done == null ? State.NEW : done.state(), done);
    }
}
