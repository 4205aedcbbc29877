package cn.zhangzhou.partybuilding.events;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.format.Format;
import com.networknt.schema.path.PathType;
import tools.jackson.databind.JsonNode;

/**
 * Validates event payloads against the JSON Schema of their {@link EventType}: the schemas under
 * {@code schemas/} on the classpath are the source of truth, the records only follow them.
 *
 * <p>Called on every consumed (and, in tests, every produced) event, so compiled schemas are cached
 * per type and shared: a compiled networknt {@link Schema} is immutable after
 * {@link Schema#initializeValidators()} and safe to use from many threads.
 */
public final class EventSchemas {

    /**
     * One reason a payload breaks its schema.
     *
     * @param field the offending field as a JSON path ({@code $.memberId}, {@code $.specialties[0]});
     *              for a missing required field the path of that field, not of its parent
     * @param keyword the schema keyword that failed ({@code required}, {@code type}, {@code enum}, ...)
     * @param message the validator's explanation
     */
    public record Violation(String field, String keyword, String message) {

        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    // $id → classpath, so that loading a schema never goes to the network (there is nothing published
    // at SCHEMA_BASE) and a schema whose $id does not match its file name fails to load.
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            Dialect.builder(Dialects.getDraft202012()).format(new UuidFormat()).build(),
            builder -> builder
                    .schemaIdResolvers(resolvers -> resolvers.mapPrefix(EventType.SCHEMA_BASE, "classpath:schemas/"))
                    // "format" is only an annotation in 2020-12 unless asserted; uuid must be enforced.
                    // JSON paths ($.specialties[2]) read better in logs and DLT headers than JSON pointers.
                    .schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true)
                            .pathType(PathType.JSON_PATH)
                            .build()));

    private static final Map<EventType<?>, Schema> COMPILED = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** Every way {@code payload} breaks the schema of {@code type}; empty when it conforms. */
    public static List<Violation> violations(EventType<?> type, JsonNode payload) {
        return schema(type).validate(payload).stream()
                .map(EventSchemas::toViolation)
                .toList();
    }

    /**
     * Checks {@code payload} against the schema of {@code type}.
     *
     * @throws InvalidEventException naming every failing field, when the payload breaks the schema
     */
    public static void validate(EventType<?> type, JsonNode payload) {
        List<Violation> violations = violations(type, payload);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(type.ceType() + " payload breaks its schema: "
                    + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        }
    }

    /** The schema document of {@code type} as JSON (for tooling and tests); a copy, the compiled one stays intact. */
    public static JsonNode schemaDocument(EventType<?> type) {
        return schema(type).getSchemaNode().deepCopy();
    }

    private static Schema schema(EventType<?> type) {
        return COMPILED.computeIfAbsent(type, EventSchemas::compile);
    }

    private static Schema compile(EventType<?> type) {
        try {
            Schema schema = REGISTRY.getSchema(SchemaLocation.of(type.dataSchema().toString()));
            // Resolve every keyword now, not lazily on the first (possibly concurrent) validation.
            schema.initializeValidators();
            return schema;
        } catch (SchemaException e) {
            throw new IllegalStateException("cannot load the JSON Schema of " + type.ceType() + " from classpath:"
                    + type.schemaResource() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The {@code uuid} format exactly as the validator's own pattern has it (ASCII hex digits, hyphens at 8, 13, 18 and
     * 23, nothing around them), checked without a regular expression: most fields of every event are ids, and the
     * pattern's matcher was a quarter of a replay's schema checks (docs/performance.md, "Evaluation", Run 6).
     */
    static final class UuidFormat implements Format {

        @Override
        public String getName() {
            return "uuid";
        }

        @Override
        public String getMessageKey() {
            return "format.uuid";
        }

        @Override
        public boolean matches(ExecutionContext executionContext, String value) {
            return isUuid(value);
        }

        static boolean isUuid(String value) {
            if (value.length() != 36) {
                return false;
            }
            for (int i = 0; i < 36; i++) {
                char c = value.charAt(i);
                boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-'
                        : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
    }

    private static Violation toViolation(Error error) {
        String field = error.getInstanceLocation().toString();
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            field = field + "." + error.getProperty();
        }
        return new Violation(field, error.getKeyword(), error.getMessage());
    }
}
