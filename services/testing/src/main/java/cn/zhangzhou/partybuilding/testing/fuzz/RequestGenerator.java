package cn.zhangzhou.partybuilding.testing.fuzz;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.UnaryOperator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import cn.zhangzhou.partybuilding.testing.fuzz.Json.Raw;

/**
 * Request number {@code index} of a run, from the seed and the index alone: the operation's valid request (its
 * schema's values, the scene's ids) with defects and odd values put in.
 * <ul>
 * <li>A read gets one to three of: a bad id in the path, odd query values, paging abuse, undeclared query
 * parameters, a required parameter left out, a body it does not take, a body over the size limit.</li>
 * <li>A change gets exactly one defect that must be refused whatever else the request holds (an id that is no
 * UUID or one the service does not hold, a body over the limit, an unknown field, a value of the wrong JSON type,
 * malformed JSON, a content type that is not JSON), on top of up to two odd values ({@code mayChange} false).</li>
 * <li>One change in four that takes a body gets only odd values (strings, numbers, ids, dates, fields left out or
 * null, duplicate keys, trailing garbage, charsets): it may be accepted ({@code mayChange} true).</li>
 * </ul>
 */
final class RequestGenerator {

    private final List<Operation> operations;
    private final JsonNode schemas;
    private final Fuzzer.Scene scene;
    private final long maxBodyBytes;

    RequestGenerator(List<Operation> operations, JsonNode schemas, Fuzzer.Scene scene, long maxBodyBytes) {
        this.operations = operations;
        this.schemas = schemas;
        this.scene = scene;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Requests are spread over the operations in turn, so each gets its share. */
    Operation operationOf(int index) {
        return operations.get(index % operations.size());
    }

    /** Whether request {@code index} is an odd change that may be accepted (decided before anything else). */
    boolean mayChange(long seed, int index) {
        return mayChange(operationOf(index), random(seed, index));
    }

    /** The first draw of a request's random numbers. */
    private static boolean mayChange(Operation op, SplittableRandom r) {
        return op.changes() && op.body() != null && r.nextInt(4) == 0;
    }

    FuzzRequest generate(long seed, int index) {
        Operation op = operationOf(index);
        SplittableRandom r = random(seed, index);
        boolean mayChange = mayChange(op, r);
        Draft d = valid(op, r);
        if (!op.changes()) {
            for (int i = 1 + r.nextInt(3); i > 0; i--) {
                readDefect(d, r);
            }
        } else if (mayChange) {
            for (int i = 1 + r.nextInt(3); i > 0; i--) {
                oddValue(d, r);
            }
        } else {
            for (int i = r.nextInt(3); i > 0; i--) {
                oddValue(d, r);
            }
            refusedDefect(d, r);
        }
        return d.build(seed, index, mayChange);
    }

    private static SplittableRandom random(long seed, int index) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    }

    // ---- the valid request ----

    private Draft valid(Operation op, SplittableRandom r) {
        Draft d = new Draft(op);
        for (Operation.Param p : op.path()) {
            d.segments.put(p.name(), Json.encode(String.valueOf(pathValue(op, p, r))));
        }
        for (Operation.Param p : op.query()) {
            if (p.required() || scene.values.containsKey(p.name()) || r.nextBoolean()) {
                d.query.put(p.name(), Json.encode(String.valueOf(sample(p.schema(), p.name(), 0))));
            }
        }
        if (op.body() != null) {
            Object body = sample(op.body(), null, 0);
            d.body = body instanceof Map<?, ?> map ? new LinkedHashMap<>(castMap(map)) : null;
            d.text = d.body == null ? Json.write(body) : null;
        }
        return d;
    }

    /** The scene's id for a path parameter: by {@code "<segment before>/{name}"}, else by {@code "{name}"}. */
    private Object pathValue(Operation op, Operation.Param p, SplittableRandom r) {
        List<Object> ids = scene.idsFor(op.template(), p.name());
        if (!ids.isEmpty()) {
            return ids.get(r.nextInt(ids.size()));
        }
        return sample(p.schema(), p.name(), 0);
    }

    /** A value the schema allows (or the scene's value of that name). */
    Object sample(JsonNode schema, String name, int depth) {
        if (name != null && scene.values.containsKey(name)) {
            return scene.values.get(name);
        }
        JsonNode s = resolve(schema);
        if (s.has("enum")) {
            return s.path("enum").get(0).asString();
        }
        return switch (type(s)) {
            case "string" -> switch (s.path("format").asString("")) {
                // Fixed by the field's name (no object holds it), and a week from the day of the run: a request is the
                // same whenever it is made that day.
                case "uuid" -> UUID.nameUUIDFromBytes(("fuzz " + name).getBytes(StandardCharsets.UTF_8)).toString();
                case "date" -> LocalDate.now(ZoneOffset.UTC).plusDays(7).toString();
                case "date-time" -> Instant.now().truncatedTo(ChronoUnit.DAYS).plus(7, ChronoUnit.DAYS).toString();
                default -> "f".repeat(Math.max(1, Math.min(4, s.path("maxLength").asInt(4))))
                        + "u".repeat(Math.max(0, s.path("minLength").asInt(0) - 4));
            };
            case "integer" -> s.has("minimum") ? s.path("minimum").asLong() : 1;
            case "number" -> s.has("minimum") ? s.path("minimum").asDouble() : 1;
            case "boolean" -> false;
            case "array" -> {
                List<Object> items = new ArrayList<>();
                for (int i = Math.max(1, s.path("minItems").asInt(1)); i > 0 && depth < 4; i--) {
                    items.add(sample(s.path("items"), null, depth + 1));
                }
                yield items;
            }
            default -> {
                Map<String, Object> object = new LinkedHashMap<>();
                if (depth < 4) {
                    s.path("properties").properties().forEach(e -> object.put(e.getKey(),
                            sample(e.getValue(), e.getKey(), depth + 1)));
                }
                yield object;
            }
        };
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode s = schema == null ? MissingNode.getInstance() : schema;
        for (int i = 0; i < 8; i++) {
            if (s.has("$ref")) {
                String ref = s.path("$ref").asString();
                s = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
            } else if (s.has("allOf") || s.has("oneOf") || s.has("anyOf")) {
                JsonNode all = s.has("allOf") ? s.path("allOf") : s.has("oneOf") ? s.path("oneOf") : s.path("anyOf");
                s = all.get(0);
            } else {
                return s;
            }
        }
        return s;
    }

    private static String type(JsonNode s) {
        JsonNode type = s.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asString().equals("null")) {
                    return t.asString();
                }
            }
        }
        if (type.isString()) {
            return type.asString();
        }
        return s.has("items") ? "array" : s.has("properties") ? "object" : "string";
    }

    // ---- defects of a read ----

    private void readDefect(Draft d, SplittableRandom r) {
        switch (r.nextInt(7)) {
            case 0, 1 -> {
                if (!badPathValue(d, r, true)) {
                    oddQuery(d, r);
                }
            }
            case 2 -> oddQuery(d, r);
            case 3 -> {
                d.query.put(r.nextBoolean() ? "page" : "size", pick(r, Odd.PAGING));
                d.what.add("paging " + d.query.getOrDefault("page", "") + "/" + d.query.getOrDefault("size", ""));
            }
            case 4 -> extraQuery(d, r);
            case 5 -> {
                if (d.op.query().stream().anyMatch(Operation.Param::required)) {
                    Operation.Param p = pick(r, d.op.query().stream().filter(Operation.Param::required).toList());
                    d.query.remove(p.name());
                    d.what.add("without required " + p.name());
                } else {
                    junkBody(d, r);
                }
            }
            default -> {
                if (r.nextInt(3) == 0) {
                    oversized(d, r);
                } else {
                    junkBody(d, r);
                }
            }
        }
    }

    /** An id the service cannot hold (no UUID, an unknown one, another district's); on reads anything odd. */
    private boolean badPathValue(Draft d, SplittableRandom r, boolean read) {
        if (d.op.path().isEmpty()) {
            return false;
        }
        String name = pick(r, d.op.path()).name();
        String value = switch (r.nextInt(read ? 6 : 4)) {
            case 0, 1 -> inUrl(pick(r, Odd.NOT_IDS));
            case 2 -> unknownId(r);
            case 3 -> scene.foreign.isEmpty() ? unknownId(r) : inUrl(pick(r, scene.foreign));
            case 4 -> pick(r, Odd.RAW_SEGMENTS);
            default -> Json.encode(scene.anyId(r).toUpperCase());
        };
        d.segments.put(name, value);
        d.what.add("path " + name + "=" + abbreviated(value));
        return true;
    }

    private void oddQuery(Draft d, SplittableRandom r) {
        if (d.op.query().isEmpty()) {
            extraQuery(d, r);
            return;
        }
        Operation.Param p = pick(r, d.op.query());
        Object odd = oddFor(p.schema(), r);
        String plain = odd instanceof Raw raw ? raw.json() : odd instanceof String text ? text : Json.write(odd);
        String value = inUrl(plain.replaceAll("^\"|\"$", ""));
        d.query.put(p.name(), value);
        d.what.add("query " + p.name() + "=" + abbreviated(value));
    }

    /**
     * Percent-encoded and at most 150 characters (1,350 bytes encoded): a longer request line is refused by the HTTP
     * server before any handler (414 from the gateway's Netty, like its 431 for headers), which is not what is tested.
     */
    private static String inUrl(String value) {
        return Json.encode(value.length() > 150 ? value.substring(0, 150) : value);
    }

    private void extraQuery(Draft d, SplittableRandom r) {
        String extra = pick(r, Odd.EXTRA_QUERY);
        d.extraQuery.add(extra);
        d.what.add("query " + extra);
    }

    private void junkBody(Draft d, SplittableRandom r) {
        d.text = pick(r, Odd.NOT_AN_OBJECT);
        d.body = null;
        d.contentType = r.nextBoolean() ? "application/json" : pick(r, Odd.NOT_JSON);
        d.what.add("a body it does not take");
    }

    private void oversized(Draft d, SplittableRandom r) {
        int size = (int) maxBodyBytes + 1 + r.nextInt(4096);
        d.body = null;
        d.text = "{\"pad\":\"" + "p".repeat(size) + "\"}";
        d.what.add("body over the limit (" + size + " bytes)");
    }

    // ---- defects a change must be refused for ----

    private void refusedDefect(Draft d, SplittableRandom r) {
        int choices = d.op.body() == null ? 2 : 6;
        switch (r.nextInt(choices)) {
            case 0 -> {
                if (!badPathValue(d, r, false)) {
                    oversized(d, r);
                }
            }
            case 1 -> oversized(d, r);
            case 2 -> unknownField(d, r);
            case 3 -> {
                if (!wrongType(d, r)) {
                    unknownField(d, r);
                }
            }
            case 4 -> {
                String malformed = pick(r, Odd.NOT_AN_OBJECT);
                String text = d.json();
                d.text = r.nextBoolean() || text.length() < 2 ? malformed : text.substring(0, r.nextInt(text.length() - 1) + 1);
                d.body = null;
                d.contentType = "application/json";
                // Nothing may follow that could mend it (a trailing "}" after a cut).
                d.textChanges.clear();
                d.what.add("malformed JSON");
            }
            default -> {
                d.contentType = r.nextInt(8) == 0 ? null : pick(r, Odd.NOT_JSON);
                if ("application/x-www-form-urlencoded".equals(d.contentType)) {
                    d.body = null;
                    d.text = "communityId=" + scene.anyId(r) + "&name=x";
                }
                d.what.add("content type " + d.contentType);
            }
        }
    }

    private void unknownField(Draft d, SplittableRandom r) {
        Map<String, Object> body = d.object();
        String picked = pick(r, List.of("fuzzUnknown", "__proto__", "@class", "id", "Version", "communityID", "",
                "\u0000", "a".repeat(300)));
        String name = properties(d.op.body()).containsKey(picked) ? "fuzzUnknown" : picked;
        String inner = body.entrySet().stream().filter(e -> e.getValue() instanceof Map).map(Map.Entry::getKey)
                .findFirst().orElse(null);
        Object value = r.nextBoolean() ? "java.lang.Runtime" : Map.of("polluted", true);
        if (inner != null && r.nextBoolean()) {
            // A copy: the nested object may be an odd value's immutable map.
            Map<String, Object> nested = new LinkedHashMap<>(castMap((Map<?, ?>) body.get(inner)));
            nested.put(name.isEmpty() ? "fuzzNested" : name, value);
            body.put(inner, nested);
        } else {
            body.put(name, value);
        }
        d.what.add("unknown field '" + abbreviated(name) + "'");
    }

    /** A top-level field given a value of another JSON type than its schema's; false when there is none. */
    private boolean wrongType(Draft d, SplittableRandom r) {
        Map<String, Object> body = d.object();
        String name = pickField(d, r);
        if (name == null) {
            return false;
        }
        JsonNode s = resolve(properties(d.op.body()).get(name));
        String format = s.path("format").asString("");
        Raw wrong = new Raw(switch (s.has("enum") ? "enum" : type(s)) {
            case "enum" -> pick(r, List.of("\"NOT_A_VALUE\"", "{}", "[]", "\"" + s.path("enum").get(0).asString().toLowerCase() + "x\""));
            case "integer", "number" -> pick(r, List.of("\"abc\"", "{}", "[]", "\"1,5\""));
            case "boolean" -> pick(r, List.of("\"maybe\"", "{}", "[]"));
            case "array" -> pick(r, List.of("{}", "{\"0\":1}"));
            case "object" -> pick(r, List.of("[]", "[1,2]"));
            default -> format.equals("uuid") ? pick(r, List.of("\"not-a-uuid\"", "{}", "[]", "42"))
                    : format.startsWith("date") ? pick(r, List.of("\"2026-13-45\"", "{}", "\"yesterday\""))
                    : pick(r, List.of("{}", "[]", "[\"a\"]", "{\"a\":1}"));
        });
        body.put(name, wrong);
        d.what.add(name + " of the wrong type: " + wrong.json());
        return true;
    }

    // ---- odd values: a change with only these may be accepted ----

    private void oddValue(Draft d, SplittableRandom r) {
        if (d.body == null && d.text == null) {
            oddQueryOrKey(d, r);
            return;
        }
        switch (r.nextInt(10)) {
            case 0, 1, 2, 3 -> oddField(d, r);
            case 4 -> {
                Map<String, Object> body = d.object();
                if (!body.isEmpty()) {
                    String name = pick(r, new ArrayList<>(body.keySet()));
                    if (r.nextBoolean()) {
                        body.remove(name);
                        d.what.add("without " + name);
                    } else {
                        body.put(name, null);
                        d.what.add(name + " null");
                    }
                }
            }
            case 5 -> {
                d.textChanges.add(text -> text.startsWith("{\"") ? "{" + text.substring(1, text.indexOf('"', 2) + 1)
                        + ":\"duplicate\"," + text.substring(1) : text);
                d.what.add("a duplicate key");
            }
            case 6 -> {
                String trailing = pick(r, Odd.TRAILING);
                d.textChanges.add(text -> text + trailing);
                d.what.add("trailing " + abbreviated(trailing));
            }
            case 7 -> {
                d.contentType = pick(r, Odd.JSON_TYPES);
                d.what.add("content type " + d.contentType);
            }
            case 8 -> {
                d.textChanges.add(text -> (r.nextBoolean() ? "\uFEFF" : " \n\t".repeat(1000)) + text);
                d.what.add("a byte-order mark or whitespace first");
            }
            default -> oddQueryOrKey(d, r);
        }
    }

    private void oddQueryOrKey(Draft d, SplittableRandom r) {
        if (!d.op.query().isEmpty() && r.nextBoolean()) {
            oddQuery(d, r);
        } else {
            String key = pick(r, Odd.IDEMPOTENCY_KEYS);
            d.headers.add("Idempotency-Key");
            d.headers.add(key);
            d.what.add("Idempotency-Key '" + abbreviated(key) + "'");
        }
    }

    /** A top-level field the schema declares and the body holds; null when there is none. */
    private String pickField(Draft d, SplittableRandom r) {
        Map<String, JsonNode> fields = properties(d.op.body());
        fields.keySet().retainAll(d.object().keySet());
        return fields.isEmpty() ? null : pick(r, new ArrayList<>(fields.keySet()));
    }

    /** One field (top level or one level down) given an odd value of its type. */
    private void oddField(Draft d, SplittableRandom r) {
        Map<String, Object> body = d.object();
        String name = pickField(d, r);
        if (name == null) {
            return;
        }
        JsonNode s = resolve(properties(d.op.body()).get(name));
        Map<String, Object> target = body;
        if (body.get(name) instanceof Map<?, ?> inner && !properties(s).isEmpty() && r.nextBoolean()) {
            target = castMap(inner);
            Map<String, JsonNode> innerFields = properties(s);
            innerFields.keySet().retainAll(target.keySet());
            if (innerFields.isEmpty()) {
                return;
            }
            String innerName = pick(r, new ArrayList<>(innerFields.keySet()));
            s = resolve(innerFields.get(innerName));
            name = name + "." + innerName;
            target.put(innerName, oddFor(s, r));
            d.what.add(name + "=" + abbreviated(Json.write(target.get(innerName))));
            return;
        }
        body.put(name, oddFor(s, r));
        d.what.add(name + "=" + abbreviated(Json.write(body.get(name))));
    }

    private Object oddFor(JsonNode schema, SplittableRandom r) {
        JsonNode s = resolve(schema);
        String format = s.path("format").asString("");
        if (s.has("enum")) {
            String first = s.path("enum").get(0).asString();
            return pick(r, List.of(first.toLowerCase(), " " + first, first + "\u0000", "NOT_A_VALUE", "", pick(r, Odd.STRINGS)));
        }
        return switch (type(s)) {
            case "integer", "number" -> new Raw(pick(r, Odd.NUMBERS));
            case "boolean" -> new Raw(pick(r, Odd.BOOLEANS));
            case "array" -> switch (r.nextInt(4)) {
                case 0 -> List.of();
                case 1 -> java.util.Collections.nCopies(2_000, sample(s.path("items"), null, 3));
                case 2 -> List.of(oddFor(s.path("items"), r));
                default -> List.of(sample(s.path("items"), null, 3), sample(s.path("items"), null, 3));
            };
            case "object" -> r.nextBoolean() ? Map.of() : new Raw("null");
            default -> format.equals("uuid") ? switch (r.nextInt(5)) {
                case 0 -> unknownId(r);
                case 1 -> scene.anyId(r);
                case 2 -> scene.anyId(r).toUpperCase();
                case 3 -> pick(r, Odd.NOT_IDS);
                default -> scene.foreign.isEmpty() ? "00000000-0000-0000-0000-000000000000" : pick(r, scene.foreign);
            }
                    : format.startsWith("date") ? pick(r, Odd.DATES)
                    : pick(r, Odd.STRINGS);
        };
    }

    private Map<String, JsonNode> properties(JsonNode schema) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        resolve(schema).path("properties").properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
        return fields;
    }

    // ---- helpers ----

    /** A UUID no service holds, drawn from the request's random numbers. */
    private static String unknownId(SplittableRandom r) {
        return new UUID(r.nextLong(), r.nextLong()).toString();
    }

    private static <T> T pick(SplittableRandom r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static String abbreviated(String value) {
        String shown = value.length() <= 40 ? value : value.substring(0, 40) + "…(" + value.length() + ")";
        return shown.replace(Odd.INVALID_UTF8, "\\xFF\\xC0\\xAF").replaceAll("[\\x00-\\x1F\\x7F]", "?");
    }

    /** A request being built: the valid one, then what the defects change. */
    private static final class Draft {
        final Operation op;
        final Map<String, String> segments = new LinkedHashMap<>();
        final Map<String, String> query = new LinkedHashMap<>();
        final List<String> extraQuery = new ArrayList<>();
        final List<String> headers = new ArrayList<>();
        final List<UnaryOperator<String>> textChanges = new ArrayList<>();
        final List<String> what = new ArrayList<>();
        /** The body as a map, while it is one; {@code text} once it is not. */
        Map<String, Object> body;
        String text;
        String contentType = "application/json";

        Draft(Operation op) {
            this.op = op;
        }

        /** The body as an object to change; a body that is no longer one is started afresh. */
        Map<String, Object> object() {
            if (body == null) {
                body = new LinkedHashMap<>();
                text = null;
            }
            return body;
        }

        String json() {
            return body != null ? Json.write(body) : text == null ? "{}" : text;
        }

        FuzzRequest build(long seed, int index, boolean mayChange) {
            String path = op.template();
            for (Map.Entry<String, String> s : segments.entrySet()) {
                path = path.replace("{" + s.getKey() + "}", s.getValue());
            }
            List<String> params = new ArrayList<>();
            query.forEach((name, value) -> params.add(name + "=" + value));
            params.addAll(extraQuery);
            if (!params.isEmpty()) {
                path += "?" + String.join("&", params);
            }
            byte[] bytes = null;
            if (body != null || text != null) {
                String sent = json();
                for (UnaryOperator<String> change : textChanges) {
                    sent = change.apply(sent);
                }
                bytes = Json.bytes(sent);
            }
            List<String> all = new ArrayList<>(headers);
            if (bytes != null && contentType != null) {
                all.add("Content-Type");
                all.add(contentType);
            }
            return new FuzzRequest(seed, index, op.key(), op.method(), path, List.copyOf(all), bytes, mayChange,
                    List.copyOf(what));
        }
    }
}
