package cn.zhangzhou.partybuilding.testing;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.events.DomainEvent;
import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.EventJson;
import cn.zhangzhou.partybuilding.events.EventType;
import cn.zhangzhou.partybuilding.events.Topics;

/**
 * Plays another service in a test: publishes its events on {@code <district>.<service>.events} of the test broker,
 * CloudEvents headers and all, as its outbox relay would. (A service's tests never start another service.)
 */
public final class EventFeed {

    /** Aggregate versions only have to grow per subject; one counter for all is simplest. */
    private static final AtomicLong VERSION = new AtomicLong();
    private static final KafkaProducer<String, byte[]> PRODUCER = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()),
            new StringSerializer(), new ByteArraySerializer());

    private EventFeed() {
    }

    /** Publishes the event as {@code service} of {@code district} would, with the next version; returns its envelope. */
    public static <E extends DomainEvent> EventEnvelope send(String district, String service, EventType<E> type, E event) {
        EventEnvelope envelope = EventEnvelope.create(type, district, event.aggregateId(), nextVersion(), Instant.now(),
                null);
        sendRaw(Topics.events(district, service), event.aggregateId(), EventJson.toBytes(event), envelope);
        return envelope;
    }

    /** Any bytes under any envelope, on any topic: for redeliveries and poison records. */
    public static void sendRaw(String topic, String key, byte[] value, EventEnvelope envelope) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        envelope.writeTo(record.headers());
        try {
            PRODUCER.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish on " + topic, e);
        }
    }

    /** The next aggregate version (all subjects share one growing counter). */
    public static long nextVersion() {
        return VERSION.incrementAndGet();
    }
}
