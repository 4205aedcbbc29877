package cn.zhangzhou.partybuilding.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventEnvelopeTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final Instant TIME = Instant.parse("2026-11-25T04:05:06.789Z");

    private static EventEnvelope envelope() {
        return EventEnvelope.create(MembershipEvents.MEMBER_PLACED, "xiangcheng", EventSamples.MEMBER.toString(), 4,
                TIME, TRACEPARENT);
    }

    private static Headers written(EventEnvelope envelope) {
        Headers headers = new RecordHeaders();
        envelope.writeTo(headers);
        return headers;
    }

    private static String header(Headers headers, String key) {
        return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    @Test
    void createFillsSourceTypeAndSchemaFromTheEventType() {
        EventEnvelope envelope = envelope();

        assertThat(envelope.source()).isEqualTo(URI.create("/districts/xiangcheng/membership"));
        assertThat(envelope.type()).isEqualTo("zz.membership.MemberPlaced.v1");
        assertThat(envelope.dataSchema()).isEqualTo(
                URI.create("https://schemas.partybuilding.zhangzhou.cn/events/membership/MemberPlaced.v1.json"));
        assertThat(envelope.id()).isNotEqualTo(envelope().id());
    }

    @Test
    void writeToWritesTheBinaryModeHeaders() {
        EventEnvelope envelope = envelope();
        Headers headers = written(envelope);

        assertThat(header(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(headers, "ce_id")).isEqualTo(envelope.id().toString());
        assertThat(header(headers, "ce_source")).isEqualTo("/districts/xiangcheng/membership");
        assertThat(header(headers, "ce_type")).isEqualTo("zz.membership.MemberPlaced.v1");
        assertThat(header(headers, "ce_time")).isEqualTo("2026-11-25T04:05:06.789Z");
        assertThat(header(headers, "ce_subject")).isEqualTo(EventSamples.MEMBER.toString());
        assertThat(header(headers, "ce_dataschema")).isEqualTo(MembershipEvents.MEMBER_PLACED.dataSchema().toString());
        assertThat(header(headers, "ce_district")).isEqualTo("xiangcheng");
        assertThat(header(headers, "ce_aggregateversion")).isEqualTo("4");
        assertThat(header(headers, "content-type")).isEqualTo("application/json");
        assertThat(header(headers, "traceparent")).isEqualTo(TRACEPARENT);
    }

    @Test
    void writeToReplacesHeadersInsteadOfAppending() {
        Headers headers = written(envelope());
        EventEnvelope second = envelope();
        second.writeTo(headers);

        assertThat(headers.headers("ce_id")).hasSize(1);
        assertThat(EventEnvelope.readFrom(headers)).isEqualTo(second);
    }

    @Test
    void roundTrip() {
        EventEnvelope envelope = envelope();

        assertThat(EventEnvelope.readFrom(written(envelope))).isEqualTo(envelope);
    }

    @Test
    void roundTripWithoutOptionalAttributes() {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), EventEnvelope.source("huaan", "membership"),
                "zz.membership.OrganisationDeactivated.v1", Instant.parse("2026-01-01T00:00:00Z"),
                UUID.randomUUID().toString(), null, "huaan", 1, null);
        Headers headers = written(envelope);

        assertThat(headers.lastHeader("ce_dataschema")).isNull();
        assertThat(headers.lastHeader("traceparent")).isNull();
        assertThat(EventEnvelope.readFrom(headers)).isEqualTo(envelope);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject", "ce_district",
            "ce_aggregateversion"})
    void readFromRejectsAMissingRequiredHeader(String key) {
        Headers headers = written(envelope());
        headers.remove(key);

        assertThatThrownBy(() -> EventEnvelope.readFrom(headers))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(key);
    }

    @Test
    void readFromRejectsABlankHeader() {
        Headers headers = written(envelope());
        headers.remove("ce_subject");
        headers.add("ce_subject", "  ".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> EventEnvelope.readFrom(headers))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("ce_subject");
    }

    @Test
    void readFromRejectsAHeaderWithoutValue() {
        Headers headers = written(envelope());
        headers.remove("ce_type");
        headers.add("ce_type", null);

        assertThatThrownBy(() -> EventEnvelope.readFrom(headers))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("ce_type");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ce_specversion      | 0.3",
            "ce_id               | not-a-uuid",
            "ce_time             | 25/11/2026 12:00",
            "ce_time             | 2026-11-25T12:00:00",
            "ce_source           | /districts/has space",
            "ce_dataschema       | http://[bad",
            "ce_district         | xiamen",
            "ce_aggregateversion | three",
            "ce_aggregateversion | 0",
            "ce_aggregateversion | -1"})
    void readFromRejectsAMalformedHeader(String key, String value) {
        Headers headers = written(envelope());
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> EventEnvelope.readFrom(headers))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(value.equals("0.3") ? "ce_specversion" : "malformed");
    }

    @Test
    void readFromUsesTheLastHeaderWhenOneIsRepeated() {
        Headers headers = written(envelope());
        headers.add("ce_aggregateversion", "5".getBytes(StandardCharsets.UTF_8));

        assertThat(EventEnvelope.readFrom(headers).aggregateVersion()).isEqualTo(5);
    }

    @Test
    void theConstructorRejectsWhatCouldNotBeSent() {
        assertThatThrownBy(() -> EventEnvelope.create(MembershipEvents.MEMBER_PLACED, "xiamen", "x", 1, TIME, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xiamen");
        assertThatThrownBy(() -> EventEnvelope.create(MembershipEvents.MEMBER_PLACED, "longhai", "x", 0, TIME, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggregateVersion");
        assertThatThrownBy(() -> EventEnvelope.create(MembershipEvents.MEMBER_PLACED, "longhai", null, 1, TIME, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("subject");
        assertThatThrownBy(() -> EventEnvelope.create(MembershipEvents.MEMBER_PLACED, "longhai", "x", 1, null, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("time");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-06T17:56:37Z", "2026-12-06T17:56:37.1Z", "2026-12-06T17:56:37.123Z",
            "2026-12-06T17:56:37.123456Z", "2026-12-06T17:56:37.123456789Z", "2024-02-29T23:59:59.999Z",
            "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z", "0000-01-01T00:00:00Z", "2026-12-06T17:56:37+08:00",
            "+12026-12-06T17:56:37Z", "2016-12-31T23:59:60Z", "2026-12-06T24:00:00Z", "2026-12-06T17:56:37.Z"})
    void theTimeIsReadAsInstantParseReadsIt(String time) {
        assertThat(EventEnvelope.time(time)).isEqualTo(Instant.parse(time));
    }

    @Test
    void everyInstantItWritesIsReadBackExactly() {
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 10_000; i++) {
            Instant written = Instant.ofEpochSecond(random.nextLong(-5_000_000_000L, 200_000_000_000L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            assertThat(EventEnvelope.time(written.toString())).isEqualTo(written);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-06T17:60:00Z",
            "2026-12-06T17:56:37.1234567890Z", "2026-12-06 17:56:37Z",
            "2026-12-06T17:56:3xZ", "2026-12-06T17:56:37", "yesterday"})
    void aMalformedTimeIsRefusedAsInstantParseRefusesIt(String time) {
        assertThatThrownBy(() -> EventEnvelope.time(time)).isInstanceOf(java.time.DateTimeException.class);
        assertThatThrownBy(() -> Instant.parse(time)).isInstanceOf(java.time.DateTimeException.class);
    }
}
