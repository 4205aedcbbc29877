package cn.zhangzhou.partybuilding.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The CloudEvents 1.0 attributes of one event, carried as Kafka headers in binary content mode
 * ({@code ce_*} headers, {@code content-type}; the payload is the record's JSON). Extensions:
 * {@code district} (the producing district) and {@code aggregateversion} (the aggregate's version
 * after the event, so consumers can ignore stale events). W3C {@code traceparent} travels beside.
 */
public record EventEnvelope(
        UUID id,
        URI source,
        String type,
        Instant time,
        String subject,
        URI dataSchema,
        String district,
        long aggregateVersion,
        String traceparent) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE_JSON = "application/json";

    public static final String H_SPECVERSION = "ce_specversion";
    public static final String H_ID = "ce_id";
    public static final String H_SOURCE = "ce_source";
    public static final String H_TYPE = "ce_type";
    public static final String H_TIME = "ce_time";
    public static final String H_SUBJECT = "ce_subject";
    public static final String H_DATASCHEMA = "ce_dataschema";
    public static final String H_DISTRICT = "ce_district";
    public static final String H_AGGREGATE_VERSION = "ce_aggregateversion";
    public static final String H_CONTENT_TYPE = "content-type";
    public static final String H_TRACEPARENT = "traceparent";

    /** Enough for every source and schema of eleven districts' services many times over; beyond it, no caching. */
    private static final int KNOWN_URIS_LIMIT = 4096;

    /**
     * The sources and schemas already parsed: a consumer sees a few dozen distinct ones, and parsing them again for
     * every event was a measurable part of a replay (docs/performance.md, "Dashboard").
     */
    private static final Map<String, URI> KNOWN_URIS = new ConcurrentHashMap<>();

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
        Districts.require(district);
        if (aggregateVersion < 1) {
            throw new IllegalArgumentException("aggregateVersion must be >= 1: " + aggregateVersion);
        }
    }

    /** A new envelope for an event produced now by {@code service} of {@code district}. */
    public static EventEnvelope create(EventType<?> type, String district, String subject, long aggregateVersion,
                                       Instant time, String traceparent) {
        return new EventEnvelope(UUID.randomUUID(), source(district, type.service()), type.ceType(), time, subject,
                type.dataSchema(), district, aggregateVersion, traceparent);
    }

    /** The CloudEvents {@code source} of a service in a district: {@code /districts/<district>/<service>}. */
    public static URI source(String district, String service) {
        return URI.create("/districts/" + district + "/" + service);
    }

    public void writeTo(Headers headers) {
        put(headers, H_SPECVERSION, SPEC_VERSION);
        put(headers, H_ID, id.toString());
        put(headers, H_SOURCE, source.toString());
        put(headers, H_TYPE, type);
        put(headers, H_TIME, time.toString());
        put(headers, H_SUBJECT, subject);
        if (dataSchema != null) {
            put(headers, H_DATASCHEMA, dataSchema.toString());
        }
        put(headers, H_DISTRICT, district);
        put(headers, H_AGGREGATE_VERSION, Long.toString(aggregateVersion));
        put(headers, H_CONTENT_TYPE, CONTENT_TYPE_JSON);
        if (traceparent != null) {
            put(headers, H_TRACEPARENT, traceparent);
        }
    }

    /**
     * Reads the envelope of a consumed record.
     *
     * @throws InvalidEventException when a required attribute is missing or malformed
     */
    public static EventEnvelope readFrom(Headers headers) {
        // One pass over the headers, the last of a name winning as with lastHeader: ten lookups, each a scan of every
        // header, were a tenth of a replaying listener's time (docs/performance.md, "Evaluation", Run 6).
        String specVersion = null;
        String id = null;
        String source = null;
        String type = null;
        String time = null;
        String subject = null;
        String schema = null;
        String district = null;
        String version = null;
        String traceparent = null;
        for (Header header : headers) {
            switch (header.key()) {
                case H_SPECVERSION -> specVersion = text(header);
                case H_ID -> id = text(header);
                case H_SOURCE -> source = text(header);
                case H_TYPE -> type = text(header);
                case H_TIME -> time = text(header);
                case H_SUBJECT -> subject = text(header);
                case H_DATASCHEMA -> schema = text(header);
                case H_DISTRICT -> district = text(header);
                case H_AGGREGATE_VERSION -> version = text(header);
                case H_TRACEPARENT -> traceparent = text(header);
                default -> {
                    // content-type and anything else: not part of the envelope read here
                }
            }
        }
        if (!SPEC_VERSION.equals(required(H_SPECVERSION, specVersion))) {
            throw new InvalidEventException("unsupported ce_specversion " + specVersion);
        }
        try {
            return new EventEnvelope(
                    UUID.fromString(required(H_ID, id)),
                    uri(required(H_SOURCE, source)),
                    required(H_TYPE, type),
                    time(required(H_TIME, time)),
                    required(H_SUBJECT, subject),
                    schema == null ? null : uri(schema),
                    required(H_DISTRICT, district),
                    Long.parseLong(required(H_AGGREGATE_VERSION, version)),
                    traceparent);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new InvalidEventException("malformed CloudEvents header: " + e.getMessage(), e);
        }
    }

    private static URI uri(String value) {
        URI known = KNOWN_URIS.get(value);
        if (known != null) {
            return known;
        }
        URI parsed = URI.create(value);
        if (KNOWN_URIS.size() < KNOWN_URIS_LIMIT) {
            KNOWN_URIS.put(value, parsed);
        }
        return parsed;
    }

    /**
     * {@link Instant#parse} of a {@code ce_time}, with a fast path for the form {@link Instant#toString()} writes
     * ({@code 2026-12-06T17:56:37.123456Z}: four-digit year, UTC, 0 to 9 fraction digits); anything else (offsets,
     * leap seconds, other years) goes to {@link Instant#parse}, whose formatter was a tenth of a replay's CPU.
     */
    static Instant time(String value) {
        int length = value.length();
        if (length < 20 || length == 21 || length > 30 || value.charAt(4) != '-' || value.charAt(7) != '-'
                || value.charAt(10) != 'T' || value.charAt(13) != ':' || value.charAt(16) != ':'
                || value.charAt(length - 1) != 'Z' || (length > 20 && value.charAt(19) != '.')) {
            return Instant.parse(value);
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 7);
        int day = digits(value, 8, 10);
        int hour = digits(value, 11, 13);
        int minute = digits(value, 14, 16);
        int second = digits(value, 17, 19);
        int fraction = length > 20 ? digits(value, 20, length - 1) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59 || fraction < 0) {
            return Instant.parse(value);
        }
        int nanos = fraction;
        for (int i = length - 1 - 20; i < 9 && length > 20; i++) {
            nanos *= 10;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code value[from, to)}, or -1 if a character is not an ASCII digit. */
    private static int digits(String value, int from, int to) {
        int number = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String required(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("missing header " + key);
        }
        return value;
    }

    private static String text(Header header) {
        return header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
