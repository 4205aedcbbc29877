package cn.zhangzhou.partybuilding.events;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * Decides whether a changed event schema is still the same version for consumers.
 *
 * <p>Consumers in other districts upgrade on their own schedule, and topics are replayed (new consumers,
 * dead letters), so within one {@code .vN} both directions must hold: an old consumer must accept every
 * new payload, and a new consumer every old payload. That leaves one kind of change:
 * <b>adding an optional field</b> (a property that is not in {@code required}). Everything else is a
 * new version ({@code .v(N+1)}, a new schema file and record, published side by side). The rules:
 * <ol>
 *   <li>a schema may not be deleted (checked by the baseline test, which looks up every baseline file);</li>
 *   <li>{@code $id} and {@code $schema} may not change;</li>
 *   <li>a required field may not be added (old payloads lack it) nor removed (old consumers need it);</li>
 *   <li>a field may not be removed, even an optional one: old consumers read it, and its name could
 *       come back with another meaning;</li>
 *   <li>a field's {@code type} may not change, neither narrow nor widen; in particular a nullable field
 *       may not become non-nullable (old payloads carry null) nor the reverse (old consumers reject null);</li>
 *   <li>enum values may not be removed (old payloads carry them) nor added (strict consumers switch
 *       over them and would fail);</li>
 *   <li>every other validation keyword ({@code format}, {@code maxLength}, {@code minLength},
 *       {@code pattern}, {@code maxItems}, {@code additionalProperties}, ...) may not be added, removed
 *       or changed, at any depth ({@code items}, nested {@code properties});</li>
 *   <li>annotations ({@code description}, {@code title}, {@code examples}, {@code $comment},
 *       {@code deprecated}) may change freely: they document, they do not validate.</li>
 * </ol>
 */
final class SchemaCompatibility {

    private static final Set<String> ANNOTATIONS = Set.of("description", "title", "examples", "$comment",
            "deprecated", "default", "readOnly", "writeOnly");

    /** Keywords with a rule of their own below; every other keyword must stay exactly as it was. */
    private static final Set<String> STRUCTURAL = Set.of("type", "enum", "required", "properties", "items");

    private SchemaCompatibility() {
    }

    /** Every breaking change from {@code baseline} to {@code current}; empty when compatible. */
    static List<String> breakingChanges(JsonNode baseline, JsonNode current) {
        List<String> problems = new ArrayList<>();
        compare("$", baseline, current, problems);
        return problems;
    }

    private static void compare(String path, JsonNode baseline, JsonNode current, List<String> problems) {
        compareType(path, baseline, current, problems);
        compareEnum(path, baseline, current, problems);
        compareRequired(path, baseline, current, problems);
        compareProperties(path, baseline, current, problems);
        if (baseline.has("items") || current.has("items")) {
            if (!baseline.has("items") || !current.has("items")) {
                problems.add(path + ": items constraint " + (baseline.has("items") ? "removed" : "added"));
            } else {
                compare(path + "[]", baseline.get("items"), current.get("items"), problems);
            }
        }
        Set<String> keywords = new TreeSet<>(baseline.propertyNames());
        keywords.addAll(current.propertyNames());
        for (String keyword : keywords) {
            if (ANNOTATIONS.contains(keyword) || STRUCTURAL.contains(keyword)) {
                continue;
            }
            JsonNode before = baseline.get(keyword);
            JsonNode after = current.get(keyword);
            if (before == null) {
                problems.add(path + ": constraint " + keyword + " added (" + after + ")");
            } else if (after == null) {
                problems.add(path + ": constraint " + keyword + " removed (was " + before + ")");
            } else if (!before.equals(after)) {
                problems.add(path + ": constraint " + keyword + " changed from " + before + " to " + after);
            }
        }
    }

    private static void compareType(String path, JsonNode baseline, JsonNode current, List<String> problems) {
        Set<String> before = types(baseline);
        Set<String> after = types(current);
        if (before.equals(after)) {
            return;
        }
        if (before.contains("null") && !after.contains("null")) {
            problems.add(path + ": nullable field became non-nullable (type " + before + " -> " + after + ")");
        }
        if (!before.contains("null") && after.contains("null")) {
            problems.add(path + ": field became nullable (type " + before + " -> " + after + ")");
        }
        Set<String> beforeNonNull = new TreeSet<>(before);
        beforeNonNull.remove("null");
        Set<String> afterNonNull = new TreeSet<>(after);
        afterNonNull.remove("null");
        if (!beforeNonNull.equals(afterNonNull)) {
            problems.add(path + ": type changed from " + beforeNonNull + " to " + afterNonNull);
        }
    }

    private static void compareEnum(String path, JsonNode baseline, JsonNode current, List<String> problems) {
        if (!baseline.has("enum") && !current.has("enum")) {
            return;
        }
        if (!baseline.has("enum")) {
            problems.add(path + ": enum constraint added");
            return;
        }
        if (!current.has("enum")) {
            problems.add(path + ": enum constraint removed");
            return;
        }
        Set<String> before = literals(baseline.get("enum"));
        Set<String> after = literals(current.get("enum"));
        Set<String> removed = new TreeSet<>(before);
        removed.removeAll(after);
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);
        if (!removed.isEmpty()) {
            problems.add(path + ": enum values removed " + removed);
        }
        if (!added.isEmpty()) {
            problems.add(path + ": enum values added " + added + " (strict consumers would fail: publish a new version)");
        }
    }

    private static void compareRequired(String path, JsonNode baseline, JsonNode current, List<String> problems) {
        Set<String> before = values(baseline.path("required"));
        Set<String> after = values(current.path("required"));
        for (String field : after) {
            if (!before.contains(field)) {
                problems.add(path + "." + field + ": required field added");
            }
        }
        for (String field : before) {
            if (!after.contains(field)) {
                problems.add(path + "." + field + ": required field removed (or made optional)");
            }
        }
    }

    private static void compareProperties(String path, JsonNode baseline, JsonNode current, List<String> problems) {
        JsonNode before = baseline.path("properties");
        JsonNode after = current.path("properties");
        for (String field : before.propertyNames()) {
            if (!after.has(field)) {
                problems.add(path + "." + field + ": field removed");
            } else {
                compare(path + "." + field, before.get(field), after.get(field), problems);
            }
        }
        // A field only in `after` is an addition: allowed when optional, and a required one was reported above.
    }

    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        Set<String> types = new TreeSet<>();
        if (type == null) {
            return types;
        }
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asString()));
        } else {
            types.add(type.asString());
        }
        return types;
    }

    /** Enum values as JSON literals, so that null, "null" and 1 vs "1" stay apart. */
    private static Set<String> literals(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(value -> values.add(value.toString()));
        return values;
    }

    private static Set<String> values(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(value -> values.add(value.isNull() ? "null" : value.asString()));
        return values;
    }
}
