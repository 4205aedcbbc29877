package cn.zhangzhou.partybuilding.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our Kafka records, read by the official CloudEvents SDK (Kafka protocol binding, binary mode): if the
 * SDK reads every attribute back, any conforming consumer in any language will. And the reverse: a
 * record the SDK writes is one our consumers accept.
 */
class CloudEventsConformanceTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    static java.util.List<DomainEvent> samples() {
        return EventSamples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theSdkReadsEveryAttributeOfOurRecords(DomainEvent event) {
        EventType<?> type = EventCatalog.of(event);
        // Nanosecond precision: Instant.toString() writes up to nine fraction digits.
        Instant time = Instant.parse("2026-11-25T04:05:06.123456789Z");
        EventEnvelope envelope = EventEnvelope.create(type, "xiangcheng", event.aggregateId(), 7, time, TRACEPARENT);
        byte[] json = EventJson.toBytes(event);

        CloudEvent read = KafkaMessageFactory.createReader(consumed(relayRecord(envelope, event, json))).toEvent();

        assertThat(read.getSpecVersion()).isEqualTo(SpecVersion.V1);
        assertThat(read.getId()).isEqualTo(envelope.id().toString());
        assertThat(read.getSource()).isEqualTo(URI.create("/districts/xiangcheng/" + type.service()));
        assertThat(read.getType()).isEqualTo(type.ceType());
        assertThat(read.getSubject()).isEqualTo(event.aggregateId());
        assertThat(read.getTime()).isEqualTo(OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
        assertThat(read.getDataSchema()).isEqualTo(type.dataSchema());
        assertThat(read.getDataContentType()).isEqualTo("application/json");
        assertThat(read.getExtensionNames()).containsExactlyInAnyOrder("district", "aggregateversion");
        assertThat(read.getExtension("district")).isEqualTo("xiangcheng");
        assertThat(read.getExtension("aggregateversion")).isEqualTo("7");
        assertThat(read.getData()).isNotNull();
        assertThat(read.getData().toBytes()).isEqualTo(json);
        // The key is the aggregate id: per-aggregate order rests on it.
        assertThat(relayRecord(envelope, event, json).key()).isEqualTo(read.getSubject());
    }

    @Test
    void anEnvelopeWithoutDataSchemaIsStillACloudEvent() {
        DomainEvent event = EventSamples.all().get(0);
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), EventEnvelope.source("longwen", "membership"),
                MembershipEvents.ORGANISATION_CREATED.ceType(), Instant.parse("2026-01-02T03:04:05Z"),
                event.aggregateId(), null, "longwen", 1, null);

        CloudEvent read = KafkaMessageFactory.createReader(consumed(relayRecord(envelope, event, EventJson.toBytes(event))))
                .toEvent();

        assertThat(read.getDataSchema()).isNull();
        assertThat(read.getTime()).isEqualTo(OffsetDateTime.parse("2026-01-02T03:04:05Z"));
        assertThat(read.getExtension("district")).isEqualTo("longwen");
    }

    /** Producers in other stacks may write with a CloudEvents SDK; our consumers must read that too. */
    @Test
    void ourEnvelopeReadsARecordTheSdkWrote() {
        MemberRegistered event = (MemberRegistered) EventSamples.all().stream()
                .filter(MemberRegistered.class::isInstance).findFirst().orElseThrow();
        String id = UUID.randomUUID().toString();
        byte[] json = EventJson.toBytes(event);
        CloudEvent sent = CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create("/districts/zhangpu/membership"))
                .withType(MembershipEvents.MEMBER_REGISTERED.ceType())
                // Another producer may write local time with an offset rather than Z.
                .withTime(OffsetDateTime.parse("2026-11-25T20:15:30+08:00"))
                .withSubject(event.aggregateId())
                .withDataSchema(MembershipEvents.MEMBER_REGISTERED.dataSchema())
                .withDataContentType("application/json")
                .withExtension("district", "zhangpu")
                .withExtension("aggregateversion", "3")
                .withData(json)
                .build();

        ProducerRecord<String, byte[]> written = KafkaMessageFactory
                .<String>createWriter("zhangpu.membership.events", event.aggregateId())
                .writeBinary(sent);
        EventEnvelope envelope = EventEnvelope.readFrom(written.headers());

        assertThat(envelope.id()).isEqualTo(UUID.fromString(id));
        assertThat(envelope.source()).isEqualTo(URI.create("/districts/zhangpu/membership"));
        assertThat(envelope.type()).isEqualTo("zz.membership.MemberRegistered.v1");
        assertThat(envelope.time()).isEqualTo(Instant.parse("2026-11-25T12:15:30Z"));
        assertThat(envelope.subject()).isEqualTo(event.aggregateId());
        assertThat(envelope.dataSchema()).isEqualTo(MembershipEvents.MEMBER_REGISTERED.dataSchema());
        assertThat(envelope.district()).isEqualTo("zhangpu");
        assertThat(envelope.aggregateVersion()).isEqualTo(3);
        assertThat(envelope.traceparent()).isNull();
        assertThat(written.value()).isEqualTo(json);
        assertThat(new String(written.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo(EventEnvelope.CONTENT_TYPE_JSON);
    }

    /** What the outbox relay sends: key = aggregate id, value = the payload JSON, headers = the envelope. */
    private static ProducerRecord<String, byte[]> relayRecord(EventEnvelope envelope, DomainEvent event, byte[] json) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                Topics.events(envelope.district(), EventCatalog.of(event).service()), event.aggregateId(), json);
        envelope.writeTo(record.headers());
        return record;
    }

    /** The same record as a consumer receives it (headers copied, as the broker would hand them over). */
    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> sent) {
        Headers headers = new RecordHeaders(sent.headers().toArray());
        return new ConsumerRecord<>(sent.topic(), 0, 42L, System.currentTimeMillis(), TimestampType.CREATE_TIME,
                sent.key().length(), sent.value().length, sent.key(), sent.value(), headers, Optional.empty());
    }
}
