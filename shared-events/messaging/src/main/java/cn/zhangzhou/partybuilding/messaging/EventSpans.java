package cn.zhangzhou.partybuilding.messaging;

import java.util.List;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The spans of an event's way after its request (docs/decisions/0024-tracing.md): the relay's send, a child of the
 * {@code traceparent} stored with the event, and each consumer's processing, a child of the {@code traceparent} the
 * record carries (the send's). {@link #NONE} without a tracer.
 */
public interface EventSpans {

    EventSpans NONE = new EventSpans() {
        @Override
        public Sending send(ProducerRecord<String, byte[]> record) {
            return error -> {
            };
        }

        @Override
        public <T> T process(String consumer, ConsumerRecord<String, byte[]> record, Supplier<T> work) {
            return work.get();
        }

        @Override
        public <T> T processAll(String consumer, List<ConsumerRecord<String, byte[]>> records, Supplier<T> work) {
            return work.get();
        }
    };

    /**
     * Starts the span of sending the record, a child of the record's {@code traceparent}, and puts the span's own
     * {@code traceparent} in its place; a record without one is sent without a span.
     */
    Sending send(ProducerRecord<String, byte[]> record);

    /** Runs the consumer's work on the record in a span that is a child of the record's {@code traceparent}. */
    <T> T process(String consumer, ConsumerRecord<String, byte[]> record, Supplier<T> work);

    /**
     * Runs the consumer's work on a poll's batch with one span per record whose {@code traceparent} is sampled, each a
     * child of its record's, all ended when the work ends (with its error, if it fails). None is current while the
     * work runs: the batch has no single trace. A record without a sampled trace gets no span: it would not be
     * recorded, and with none current nothing would log its trace id (decision 0024).
     */
    <T> T processAll(String consumer, List<ConsumerRecord<String, byte[]>> records, Supplier<T> work);

    /** A send in flight: ended once, when Kafka acknowledged the record or refused it. */
    @FunctionalInterface
    interface Sending {

        /** @param error why Kafka refused the record, null when it acknowledged it */
        void end(Throwable error);
    }
}
