package cn.zhangzhou.partybuilding.testing.matrix;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.JwtSigner;
import cn.zhangzhou.partybuilding.testing.TestKeys;

/**
 * Roles × scopes × objects for every operation of a service, from its own OpenAPI document: each caller of
 * {@link Who} on an object of the {@link Scene} and on one of another district, each mutation refused with a
 * problem and nothing changed ({@code state}, usually a {@link DatabaseFingerprint}), read-only fields in every
 * request body refused (400), tokens without a valid signature or expired refused (401). An operation without a
 * {@link Rule} fails the run ("no rule for ..."), so a new endpoint cannot go untested. A service's test names its
 * rules and calls {@link #run()}, which fails with every broken cell and prints the matrix's size.
 */
public final class ScopeMatrix {

    /** Signs a token with the key the service trusts: {@code JwtSigner::sign} (or identity's own encoder). */
    @FunctionalInterface
    public interface Minter {
        String mint(String subject, Map<String, Object> claims, Instant issuedAt, Instant expiresAt);
    }

    /** Signs with the RSA private key (PKCS#8 PEM) at a class path resource, e.g. the services' test key. */
    public static Minter signedWith(String privateKeyResource) {
        try (var in = ScopeMatrix.class.getClassLoader().getResourceAsStream(privateKeyResource)) {
            if (in == null) {
                throw new IllegalArgumentException("no " + privateKeyResource + " on the class path");
            }
            return new JwtSigner(TestKeys.privateKey(new String(in.readAllBytes(), StandardCharsets.US_ASCII)))::sign;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The matrix's size: calls by kind, operations, objects made, time taken. */
    public record Report(String service, int operations, int calls, int allowed, int refused, int badTokens,
                         int elsewhere, int readOnlyFields, int objects, Duration took) {

        @Override
        public String toString() {
            return "scope matrix of " + service + ": " + operations + " operations, " + calls + " calls (" + allowed
                    + " allowed, " + refused + " refused by scope, " + badTokens + " with a bad token or a "
                    + "misbound member, " + elsewhere + " on another district's objects, " + readOnlyFields
                    + " with a read-only field), " + objects + " objects made, " + took.toSeconds() + " s";
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String service;
    private final Api api;
    private final Minter minter;
    private final Scene scene;
    private final Supplier<String> state;
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Map<String, String> tokens = new HashMap<>();
    private final List<String> broken = new ArrayList<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private String lastState;

    public ScopeMatrix(String service, Api api, Minter minter, Scene scene, Supplier<String> state) {
        this.service = service;
        this.api = api;
        this.minter = minter;
        this.scene = scene;
        this.state = state;
    }

    /** The row of one operation, e.g. {@code rule("GET /api/v1/members/{id}")}, as the OpenAPI document names it. */
    public Rule rule(String operation) {
        Rule rule = new Rule(operation);
        if (rules.putIfAbsent(operation, rule) != null) {
            throw new IllegalArgumentException("two rules for " + operation);
        }
        return rule;
    }

    /** Runs every cell; fails listing each broken one. */
    public Report run() {
        Instant start = Instant.now();
        ApiDocs docs = new ApiDocs(api.get("/v3/api-docs", null).body());
        List<String> missing = new ArrayList<>();
        docs.operations.keySet().stream().filter(op -> !rules.containsKey(op)).forEach(op -> missing.add("no rule for " + op));
        rules.keySet().stream().filter(op -> !docs.operations.containsKey(op))
                .forEach(op -> missing.add("a rule for " + op + ", which the service's OpenAPI document does not have"));
        if (!missing.isEmpty()) {
            throw new AssertionError(service + ": the matrix must cover every operation\n  " + String.join("\n  ", missing));
        }
        for (Rule rule : rules.values()) {
            run(rule, docs.operations.get(rule.toString()));
        }
        int calls = count("allowed") + count("refused") + count("bad-token") + count("elsewhere")
                + count("read-only");
        Report report = new Report(service, rules.size(), calls, count("allowed"), count("refused"),
                count("bad-token"), count("elsewhere"), count("read-only"), count("objects"),
                Duration.between(start, Instant.now()));
        System.out.println(report);
        if (!broken.isEmpty()) {
            throw new AssertionError(broken.size() + " cells of the " + report + " are broken:\n  "
                    + String.join("\n  ", broken));
        }
        return report;
    }

    private void run(Rule rule, ApiDocs.Operation operation) {
        if (rule.target == null) {
            throw new IllegalStateException(rule + ": no target (Rule.on)");
        }
        Call shared = made(rule);
        Set<Who> allowedChanges = EnumSet.noneOf(Who.class);
        for (Who who : Who.values()) {
            Outcome outcome = rule.expected(who);
            if (rule.changes() && !outcome.refused()) {
                allowedChanges.add(who);
            } else {
                check(rule, who, shared, outcome, Who.BAD_TOKENS.contains(who) ? "bad-token"
                        : outcome.refused() ? "refused" : "allowed");
            }
        }
        if (operation.hasBody()) {
            Who allowed = allowedChanges.contains(Who.DISTRICT_ADMIN) ? Who.DISTRICT_ADMIN
                    : allowedChanges.stream().findFirst().orElse(null);
            for (String field : allowed == null ? Set.<String>of() : operation.readOnly()) {
                Map<String, Object> body = new LinkedHashMap<>(shared.body() == null ? Map.of() : shared.body());
                body.put(field, field.endsWith("At") ? Instant.now().toString()
                        : field.endsWith("Id") || field.equals("id") ? UUID.randomUUID().toString() : 7);
                check(rule, allowed, new Call(shared.method(), shared.path(), body, shared.owner(), shared.marker()),
                        Outcome.BAD_REQUEST, "read-only");
            }
        }
        if (rule.elsewhere != null) {
            lastState = null;
            Call foreign = rule.elsewhere.get();
            for (Who who : Who.AUTHENTICATED) {
                Outcome outcome = rule.expectedElsewhere(who);
                // Whoever may change another district's object (the city, that district's admin) gets one of its own.
                boolean fresh = rule.changes() && !outcome.refused();
                check(rule, who, fresh ? rule.elsewhere.get() : foreign, outcome, "elsewhere");
            }
        }
        for (Who who : allowedChanges) {
            check(rule, who, made(rule), Outcome.ALLOWED, "allowed");
        }
    }

    private Call made(Rule rule) {
        counts.merge("objects", 1, Integer::sum);
        lastState = null;
        Call call = rule.target.get();
        String path = call.path().replaceFirst("\\?.*", "");
        if (!call.method().equals(rule.method)
                || !Pattern.matches(rule.template.replaceAll("\\{[^}]+}", "[^/]+"), path)) {
            throw new IllegalStateException("the target of " + rule + " is " + call.method() + " " + call.path());
        }
        return call;
    }

    private void check(Rule rule, Who who, Call call, Outcome outcome, String kind) {
        counts.merge(kind, 1, Integer::sum);
        boolean watch = outcome.refused();
        String before = watch ? (lastState != null ? lastState : state.get()) : null;
        lastState = null;
        Api.Response response = api.sendRaw(call.method(), call.path(), token(who, call.owner()),
                call.body() == null ? null : JSON.writeValueAsString(call.body()));
        String cell = rule + " as " + who + (kind.equals("elsewhere") ? " (another district's object)" : "")
                + (kind.equals("read-only") ? " with read-only field " + readOnlyField(call) : "") + ": ";
        String raw = response.raw() == null ? "" : response.raw();
        if (!outcome.matches(response.status())) {
            broken.add(cell + "expected " + outcome + ", got " + response.status() + " " + abbreviated(raw));
        } else if (outcome.refused() && !response.isProblem()) {
            broken.add(cell + "refused without a problem document: " + abbreviated(raw));
        } else if (call.marker() != null && who != Who.MISBOUND_MEMBER // whose problem names the token's own member
                && (outcome == Outcome.ALLOWED) != raw.contains(call.marker())) {
            broken.add(cell + (outcome == Outcome.ALLOWED ? "the answer lacks " : "the answer gives away ")
                    + call.marker() + ": " + abbreviated(raw));
        }
        if (watch) {
            String after = state.get();
            if (!after.equals(before)) {
                broken.add(cell + "refused, yet changed " + changedTables(before, after));
            }
            lastState = after;
        }
    }

    private static String readOnlyField(Call call) {
        return call.body().keySet().stream().reduce((first, second) -> second).orElse("?");
    }

    private static String changedTables(String before, String after) {
        Set<String> changed = new TreeSet<>(List.of(after.split(" ")));
        changed.removeAll(List.of(before.split(" ")));
        return changed.stream().map(t -> t.substring(0, t.indexOf(':'))).toList().toString();
    }

    private static String abbreviated(String raw) {
        return raw.length() <= 300 ? raw : raw.substring(0, 300) + "…";
    }

    private int count(String kind) {
        return counts.getOrDefault(kind, 0);
    }

    private String token(Who who, UUID owner) {
        UUID member = owner != null ? owner : scene.owner();
        return who == Who.ANONYMOUS ? null
                : tokens.computeIfAbsent(who + (who == Who.OWNER || who == Who.MISBOUND_MEMBER ? ":" + member : ""),
                        key -> mint(who, member));
    }

    private String mint(Who who, UUID owner) {
        String x = scene.district();
        String y = scene.otherDistrict();
        Instant now = Instant.now();
        return switch (who) {
            case CITY_ADMIN -> valid(who, "CITY_ADMIN", null, null, null);
            case DISTRICT_ADMIN -> valid(who, "DISTRICT_ADMIN", x, null, null);
            case DISTRICT_SYSTEM -> valid(who, "DISTRICT_SYSTEM", x, null, null);
            case OTHER_DISTRICT_ADMIN -> valid(who, "DISTRICT_ADMIN", y, null, null);
            case OTHER_DISTRICT_SYSTEM -> valid(who, "DISTRICT_SYSTEM", y, null, null);
            case STREET_STAFF -> valid(who, "STREET_STAFF", x, scene.street(), null);
            case OTHER_STREET_STAFF -> valid(who, "STREET_STAFF", x, scene.otherStreet(), null);
            case COMMUNITY_STAFF -> valid(who, "COMMUNITY_STAFF", x, scene.community(), null);
            case OTHER_COMMUNITY_STAFF -> valid(who, "COMMUNITY_STAFF", x, scene.otherCommunity(), null);
            case OWNER -> valid(who, "MEMBER", x, null, owner);
            case NEIGHBOUR -> valid(who, "MEMBER", x, null, scene.neighbour());
            case OTHER_DISTRICT_MEMBER -> valid(who, "MEMBER", y, null, scene.otherDistrictMember());
            case MISBOUND_MEMBER -> valid(who, "MEMBER", y, null, owner);
            case ANONYMOUS -> null;
            case EXPIRED -> minter.mint("matrix-expired", JwtSigner.claims(List.of("DISTRICT_ADMIN"), x, null, null),
                    now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
            case GARBLED -> "garbled." + UUID.randomUUID() + ".token";
            case TAMPERED -> {
                String[] parts = valid(Who.NEIGHBOUR, "MEMBER", x, null, scene.neighbour()).split("\\.");
                yield parts[0] + "." + cityAdminPayload(now) + "." + parts[2];
            }
            case UNSIGNED -> base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + cityAdminPayload(now) + ".";
            case OTHER_KEY -> new JwtSigner((java.security.interfaces.RSAPrivateKey) TestKeys.generate().getPrivate())
                    .sign("matrix-other-key", List.of("CITY_ADMIN"), null, null, null, Duration.ofHours(1));
        };
    }

    private String valid(Who who, String role, String district, UUID org, UUID member) {
        Instant now = Instant.now();
        return minter.mint("matrix-" + who.name().toLowerCase().replace('_', '-'),
                JwtSigner.claims(List.of(role), district, org, member), now, now.plus(Duration.ofHours(1)));
    }

    private static String cityAdminPayload(Instant now) {
        return base64("{\"sub\":\"matrix-forger\",\"roles\":[\"CITY_ADMIN\"],\"iat\":" + now.getEpochSecond()
                + ",\"nbf\":" + now.getEpochSecond() + ",\"exp\":" + now.plus(Duration.ofHours(1)).getEpochSecond() + "}");
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
