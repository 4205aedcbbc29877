package cn.zhangzhou.partybuilding.events;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of event payloads, shared by producers, consumers and the contract tests, so
 * that what is validated is exactly what is sent. ISO-8601 dates; unknown fields are tolerated on
 * read (a newer minor version may add optional fields).
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] toBytes(DomainEvent event) {
        return MAPPER.writeValueAsBytes(event);
    }

    public static String toJson(DomainEvent event) {
        return MAPPER.writeValueAsString(event);
    }

    public static JsonNode parse(byte[] payload) {
        try {
            return MAPPER.readTree(payload);
        } catch (JacksonException e) {
            throw new InvalidEventException("payload is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static <E extends DomainEvent> E read(JsonNode payload, Class<E> type) {
        try {
            return MAPPER.treeToValue(payload, type);
        } catch (JacksonException e) {
            throw new InvalidEventException("payload does not map to " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }
}
