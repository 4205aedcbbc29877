package cn.zhangzhou.partybuilding.messaging;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import cn.zhangzhou.partybuilding.events.InvalidEventException;
import cn.zhangzhou.partybuilding.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Error handling of every listener. Poison, a record that can never succeed ({@link InvalidEventException}: not a
 * CloudEvent, not JSON, breaking its schema or a rule the event itself breaks; failed deserialization), goes to
 * {@code <topic>-dlt} at once with its headers and the exception headers, and the partition moves on. Any other
 * failure is not the record's fault (no database connection, a timeout, a serialization failure of our own
 * transaction) and is retried with a bounded back-off for as long as it lasts: the partition waits, its lag grows,
 * and no event is ever skipped (a skipped event's effect would be lost, and its later replay dropped as stale).
 * Decision 0005.
 */
public final class DeadLetters implements DisposableBean {

    /** 200 ms, 600 ms, 1.8 s, then every 2 s until it succeeds: the effect lands within 2 s of the cause's end. */
    static final long INITIAL_INTERVAL_MS = 200;
    static final double MULTIPLIER = 3.0;
    static final long MAX_INTERVAL_MS = 2_000;

    private final DefaultKafkaProducerFactory<Object, Object> producerFactory;
    private final KafkaTemplate<Object, Object> template;
    private final DeadLetterPublishingRecoverer recoverer;
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public DeadLetters(Map<String, Object> producerProperties, MeterRegistry meters) {
        this.meters = meters;
        Map<String, Object> config = new HashMap<>(producerProperties);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "dead-letters");
        // A failed record's key and value are what the consumer had: Strings/byte[] after deserialization,
        // or the raw bytes when deserialization itself failed.
        this.producerFactory = new DefaultKafkaProducerFactory<>(config, typed(), typed());
        this.template = new KafkaTemplate<>(producerFactory);
        // Partition -1: let the producer choose by key, the dead-letter topic may have fewer partitions.
        this.recoverer = new DeadLetterPublishingRecoverer(template,
                (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
    }

    public DefaultErrorHandler errorHandler() {
        DefaultErrorHandler handler = new DefaultErrorHandler(this::recover, backOff());
        handler.addNotRetryableExceptions(InvalidEventException.class);
        return handler;
    }

    static ExponentialBackOff backOff() {
        // No maximum of attempts or elapsed time: only poison is given up.
        ExponentialBackOff backOff = new ExponentialBackOff(INITIAL_INTERVAL_MS, MULTIPLIER);
        backOff.setMaxInterval(MAX_INTERVAL_MS);
        return backOff;
    }

    private void recover(ConsumerRecord<?, ?> record, Exception exception) {
        recoverer.accept(record, cause(exception));
        counters.computeIfAbsent(record.topic(), topic -> Counter.builder("zz.events.dead.lettered")
                .description("Consumed records sent to the dead-letter topic, by source topic")
                .tag("topic", topic)
                .register(meters)).increment();
    }

    /**
     * What the recoverer writes into the dead letter's exception headers: the container's wrapper (which carries the
     * consumer group, {@code kafka_dlt-original-consumer-group}, by which a service finds its own dead letters) around
     * what failed. A batch listener names its failing record with a {@link BatchListenerFailedException} between the
     * two; it is left out, or the headers would name it instead of the cause (regression: a poison record of a batch
     * listener was listed as {@code BatchListenerFailedException}).
     */
    static Exception cause(Exception exception) {
        if (exception instanceof ListenerExecutionFailedException failed
                && failed.getCause() instanceof BatchListenerFailedException batch && batch.getCause() != null) {
            return new ListenerExecutionFailedException(failed.getMessage(), failed.getGroupId(), batch.getCause());
        }
        return exception;
    }

    /**
     * Sends a dead letter back to its source topic (a replay after a fix, decision 0022) and waits for Kafka's
     * acknowledgement, so the caller records the replay only once it happened.
     */
    public void resend(ProducerRecord<Object, Object> record) {
        try {
            template.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying to " + record.topic(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the replay to " + record.topic(), e);
        }
    }

    @Override
    public void destroy() {
        producerFactory.destroy();
    }

    /** Strings as UTF-8, bytes as they are, null as null (a record may have no key). */
    private static Serializer<Object> typed() {
        return (topic, data) -> {
            if (data == null || data instanceof byte[]) {
                return (byte[]) data;
            }
            if (data instanceof String text) {
                return text.getBytes(StandardCharsets.UTF_8);
            }
            throw new IllegalArgumentException("cannot dead-letter a " + data.getClass().getName());
        };
    }
}
