package cn.zhangzhou.partybuilding.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import cn.zhangzhou.partybuilding.local.demo.DemoData;
import cn.zhangzhou.partybuilding.local.demo.DemoDataSet;
import cn.zhangzhou.partybuilding.local.demo.DemoMember;
import cn.zhangzhou.partybuilding.local.demo.DemoOrganisation;
import cn.zhangzhou.partybuilding.local.demo.DemoWishState;
import cn.zhangzhou.partybuilding.local.demo.DemoWishes;
import cn.zhangzhou.partybuilding.platform.ServiceClient;
import cn.zhangzhou.partybuilding.support.security.Role;
import tools.jackson.databind.JsonNode;

/**
 * The wishes loader against a scripted stand-in of the membership reads and the wishes REST contract, which
 * learns communities and members late (as from Kafka) and enforces the lifecycle order and the callers' roles
 * (this tests our client code; the real services run in their own integration tests and in the platform,
 * where the README walk-through and the 150/35 report were checked).
 */
class WishesLoaderTest {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final List<String> ORDER = List.of("POSTED", "PUBLISHED", "CLAIMED", "CONTACTED", "FULFILLED",
            "CONFIRMED");

    private final DemoDataSet demo = DemoData.generate(List.of("longwen", "zhangpu"));
    private final Map<String, Fake> fakes = new LinkedHashMap<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    /** The loader's threads, as the platform gives them. */
    private final Parallel parallel = new Parallel();

    @BeforeEach
    void start() throws IOException {
        for (String d : List.of("longwen", "zhangpu")) {
            fakes.put(d, new Fake(d));
        }
    }

    @AfterEach
    void stop() {
        parallel.close();
        fakes.values().forEach(f -> f.server.stop(0));
    }

    @Test
    void takesEveryWishToItsStateAsTheLifecycleSCallersOnceTheServiceKnowsCommunitiesAndMembers() {
        WishesLoader loader = loader(Duration.ofSeconds(30));
        assertThat(loader.alreadyLoaded()).isFalse();

        loader.load(parallel);

        for (String d : fakes.keySet()) {
            Fake f = fakes.get(d);
            assertThat(f.problems).as(d).isEmpty();
            Map<DemoWishState, Long> expected = DemoWishes.countByState(loader.wishes().get(d));
            for (DemoWishState s : DemoWishState.values()) {
                assertThat(f.wishes.values().stream().filter(w -> w.status.equals(s.name())).count())
                        .as("%s %s", d, s).isEqualTo(expected.get(s));
            }
            // The stand-in refused each claimer's first claim and each organisation's first poll (not known yet).
            assertThat(f.refusedClaims.get()).as(d).isPositive();
            assertThat(f.unknownPolls.get()).as(d).isPositive();
        }
        Fake zhangpu = fakes.get("zhangpu");
        assertThat(zhangpu.wishes).hasSize(150);
        assertThat(zhangpu.wishes.values().stream().map(w -> w.beneficiary).distinct()).hasSize(35);
        // Every move of the replay happened on the replay clock, in 2015; the clock is back to real time.
        assertThat(zhangpu.moveTimes).hasSize(150 * 6).allSatisfy(t ->
                assertThat(t.atZone(ZoneId.of("Asia/Shanghai")).getYear()).isEqualTo(2015));
        assertThat(zhangpu.clock).isNull();
        assertThat(zhangpu.clockMoves.get()).isGreaterThan(150 * 3);
        // Longwen runs on real time: its clock is never touched.
        assertThat(fakes.get("longwen").clockMoves.get()).isZero();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("wishes demo data loaded in")
                .contains("replayed 2015");

        assertThat(loader(Duration.ofSeconds(30)).alreadyLoaded()).isTrue();
    }

    @Test
    void aRepeatedLoadPostsNothingTwiceAndTakesUpWhereTheWishesAre() {
        loader(Duration.ofSeconds(30)).load(parallel);
        int longwen = fakes.get("longwen").wishes.size();
        int zhangpu = fakes.get("zhangpu").wishes.size();
        int moves = fakes.get("longwen").moves.get();

        loader(Duration.ofSeconds(30)).load(parallel);

        assertThat(fakes.get("longwen").wishes).hasSize(longwen);
        assertThat(fakes.get("zhangpu").wishes).hasSize(zhangpu);
        assertThat(fakes.get("longwen").moves.get()).isEqualTo(moves);
        assertThat(fakes.get("longwen").problems).isEmpty();
    }

    @Test
    void aServiceThatNeverLearnsACommunityStopsTheLoadWithTheReasonAndTheClockBackToRealTime() {
        fakes.get("longwen").neverLearns = true;
        assertThatThrownBy(() -> loader(Duration.ofMillis(600)).load(parallel))
                .hasMessageContaining("wishes-longwen does not know organisation")
                .hasMessageContaining("longwen.membership.events");
        assertThat(fakes.get("longwen").wishes).isEmpty();
        assertThat(fakes.get("zhangpu").clock).isNull();
    }

    @Test
    void aRefusedMoveStopsTheLoadWithTheProblemDetail() {
        fakes.get("zhangpu").refuseFulfilment = true;
        assertThatThrownBy(() -> loader(Duration.ofSeconds(30)).load(parallel))
                .isInstanceOf(ServiceClient.ApiException.class)
                .hasMessageContaining("fulfil")
                .hasMessageContaining("409")
                .hasMessageContaining("not allowed from CLAIMED");
        // The replay ended with the clock returned to real time, failure or not.
        assertThat(fakes.get("zhangpu").clock).isNull();
    }

    private WishesLoader loader(Duration wait) {
        Map<String, WishesLoader.District> districts = new LinkedHashMap<>();
        fakes.forEach((d, fake) -> {
            ServiceClient c = new ServiceClient(
                    "http://localhost:" + fake.server.getAddress().getPort(), () -> "DISTRICT_ADMIN::");
            // Readable stand-in tokens: role:org:member.
            districts.put(d, new WishesLoader.District(d, c, c, caller -> caller.role() + ":"
                    + (caller.org() == null ? "" : caller.org()) + ":" + (caller.member() == null ? "" : caller.member())));
        });
        return new WishesLoader(demo, districts, new PrintStream(output, true, StandardCharsets.UTF_8), wait);
    }

    /** One wish of the stand-in. */
    private static final class FakeWish {
        final String id = UUID.randomUUID().toString();
        final String community;
        final String beneficiary;
        String status = "POSTED";
        long version = 1;
        String claimer;

        FakeWish(String community, String beneficiary) {
            this.community = community;
            this.beneficiary = beneficiary;
        }

        String json() {
            return "{\"id\":\"" + id + "\",\"communityId\":\"" + community + "\",\"beneficiaryId\":\"" + beneficiary
                    + "\",\"status\":\"" + status + "\",\"version\":" + version + "}";
        }
    }

    /** One district: membership's organisation and member reads, and the wishes service's rules the loader meets. */
    private final class Fake {
        final String district;
        final HttpServer server;
        final Map<String, String> organisationIds = new LinkedHashMap<>();
        final Map<String, DemoOrganisation> organisations = new HashMap<>();
        final Map<String, DemoMember> members = new HashMap<>();
        final Map<String, FakeWish> wishes = new ConcurrentHashMap<>();
        final Map<String, String> byKey = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> claimAttempts = new ConcurrentHashMap<>();
        final AtomicInteger refusedClaims = new AtomicInteger();
        final AtomicInteger unknownPolls = new AtomicInteger();
        final AtomicInteger moves = new AtomicInteger();
        final AtomicInteger clockMoves = new AtomicInteger();
        final List<Instant> moveTimes = new CopyOnWriteArrayList<>();
        final List<String> problems = new CopyOnWriteArrayList<>();
        volatile Instant clock;
        volatile boolean neverLearns;
        volatile boolean refuseFulfilment;

        Fake(String district) throws IOException {
            this.district = district;
            for (DemoOrganisation o : demo.district(district).organisations()) {
                String id = UUID.randomUUID().toString();
                organisationIds.put(o.code(), id);
                organisations.put(id, o);
            }
            demo.district(district).members().forEach(m -> members.put(UUID.randomUUID().toString(), m));
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/api/v1/", this::handle);
            server.start();
        }

        private synchronized void handle(HttpExchange x) throws IOException {
            try (x) {
                String[] token = x.getRequestHeaders().getFirst("Authorization").substring("Bearer ".length())
                        .split(":", -1);
                String path = x.getRequestURI().getPath().substring("/api/v1".length());
                Map<String, String> query = query(x.getRequestURI().getRawQuery());
                String method = x.getRequestMethod();
                JsonNode body = "GET".equals(method) ? null : ServiceClient.JSON.readTree(x.getRequestBody().readAllBytes());
                String key = x.getRequestHeaders().getFirst("Idempotency-Key");
                String replayKey = token[0] + token[1] + token[2] + ":" + key;
                if (key != null && byKey.containsKey(replayKey)) {
                    x.getResponseHeaders().add("Idempotent-Replayed", "true");
                    respond(x, "POST".equals(method) && path.equals("/wishes") || path.endsWith("/claim") ? 201 : 200,
                            byKey.get(replayKey));
                    return;
                }
                String answer = route(method, path, query, body, token, x);
                if (answer == null) {
                    return;
                }
                if (key != null) {
                    byKey.put(replayKey, answer);
                }
                respond(x, "POST".equals(method) && (path.equals("/wishes") || path.endsWith("/claim")) ? 201 : 200,
                        answer);
            }
        }

        private String route(String method, String path, Map<String, String> q, JsonNode body, String[] token,
                             HttpExchange x) throws IOException {
            Role role = Role.valueOf(token[0]);
            if ("GET".equals(method) && path.equals("/organisations")) {
                int page = Integer.parseInt(q.get("page"));
                int size = Integer.parseInt(q.get("size"));
                List<Map<String, Object>> items = new ArrayList<>();
                List<Map.Entry<String, String>> all = new ArrayList<>(organisationIds.entrySet());
                for (int i = page * size; i < Math.min(all.size(), (page + 1) * size); i++) {
                    items.add(Map.of("id", all.get(i).getValue(), "code", all.get(i).getKey()));
                }
                return ServiceClient.JSON.writeValueAsString(Map.of("items", items,
                        "totalPages", (all.size() + size - 1) / size));
            }
            if ("GET".equals(method) && path.equals("/members")) {
                List<Map<String, Object>> items = new ArrayList<>();
                members.forEach((id, m) -> {
                    if (m.name().equals(q.get("name"))) {
                        items.add(Map.of("id", id, "name", m.name(), "idNumber", m.idNumber()));
                    }
                });
                return ServiceClient.JSON.writeValueAsString(Map.of("items", items, "totalPages", 1));
            }
            if ("GET".equals(method) && path.equals("/reports/wishes")) {
                String org = q.get("organisationId");
                // The first few organisations are not known at their first poll (the events are still on their way).
                if (neverLearns || polls.computeIfAbsent(org, k -> new AtomicInteger()).incrementAndGet() == 1
                        && unknownPolls.get() < 3) {
                    unknownPolls.incrementAndGet();
                    return problem(x, 404, "organisation " + org + " not known yet");
                }
                int year = Integer.parseInt(q.get("year"));
                long claimed = wishes.values().stream().filter(w -> w.community.equals(org)
                        && ORDER.indexOf(w.status) >= 2).count();
                return "{\"claimed\":" + (year == 2015 && "zhangpu".equals(district) ? claimed : 0) + "}";
            }
            if ("PUT".equals(method) && path.equals("/dev/clock")) {
                if (role != Role.DISTRICT_SYSTEM || !"zhangpu".equals(district)) {
                    return problem(x, 404, "no replay clock here");
                }
                clockMoves.incrementAndGet();
                clock = body.path("instant").isNull() ? null : Instant.parse(body.path("instant").asString());
                return "{}";
            }
            if ("GET".equals(method) && path.equals("/wishes")) {
                long total = wishes.values().stream().filter(w -> w.community.equals(q.get("communityId"))).count();
                return "{\"totalItems\":" + total + "}";
            }
            if ("POST".equals(method) && path.equals("/wishes")) {
                String community = body.path("communityId").asString();
                if (!manages(role, token[1], community)) {
                    return problem(x, 403, "only the district or the community's staff post here");
                }
                if (!polls.containsKey(community) || body.path("estimatedValueYuan").asInt() > 500) {
                    return problem(x, 422, "unknown community or value over the ceiling");
                }
                String beneficiary = body.hasNonNull("beneficiaryId") ? body.path("beneficiaryId").asString()
                        : UUID.randomUUID().toString();
                if (body.hasNonNull("beneficiaryId") == body.hasNonNull("beneficiary")) {
                    return problem(x, 422, "beneficiary or beneficiaryId");
                }
                FakeWish w = new FakeWish(community, beneficiary);
                wishes.put(w.id, w);
                moved();
                return w.json();
            }
            String[] parts = path.split("/");
            FakeWish w = parts.length >= 3 && "wishes".equals(parts[1]) ? wishes.get(parts[2]) : null;
            if (w == null) {
                return problem(x, 404, "no route " + method + " " + path);
            }
            String action = parts.length > 3 ? parts[3] : "";
            if ("GET".equals(method) && action.isEmpty()) {
                return w.json();
            }
            if ("GET".equals(method) && action.equals("contact")) {
                return token[2].equals(w.claimer) && w.status.equals("CLAIMED") ? "{\"name\":\"x\"}"
                        : problem(x, 403, "not the claimer");
            }
            boolean staff = manages(role, token[1], w.community);
            boolean claimer = role == Role.MEMBER && token[2].equals(w.claimer);
            return switch (action) {
                case "publish" -> move(x, w, "POSTED", "PUBLISHED", staff, body.path("version").asLong());
                case "claim" -> {
                    if (role != Role.MEMBER) {
                        yield problem(x, 403, "members claim");
                    }
                    // The service hears of each member a little late (Kafka): the first attempt is refused.
                    if (claimAttempts.computeIfAbsent(token[2], k -> new AtomicInteger()).incrementAndGet() == 1) {
                        refusedClaims.incrementAndGet();
                        yield problem(x, 403, "member " + token[2] + " neither lives in the community yet");
                    }
                    DemoMember m = members.get(token[2]);
                    if (m == null || !organisationIds.get(m.residenceCommunityCode()).equals(w.community)) {
                        yield problem(x, 403, "member does not live in the community");
                    }
                    String claimed = move(x, w, "PUBLISHED", "CLAIMED", true, w.version);
                    if (claimed != null) {
                        w.claimer = token[2];
                    }
                    yield claimed;
                }
                case "contacted" -> move(x, w, "CLAIMED", "CONTACTED", claimer, w.version);
                case "fulfilment" -> refuseFulfilment
                        ? problem(x, 409, "wish " + w.id + " is CLAIMED; FULFIL is not allowed from CLAIMED")
                        : move(x, w, "CONTACTED", "FULFILLED", claimer, w.version);
                case "confirm" -> move(x, w, "FULFILLED", "CONFIRMED", staff, body.path("version").asLong());
                default -> problem(x, 404, "no route " + method + " " + path);
            };
        }

        /** The wishes service's rule: the district's admins and systems everywhere, community staff in their community. */
        private boolean manages(Role role, String org, String community) {
            return role == Role.DISTRICT_ADMIN || role == Role.DISTRICT_SYSTEM
                    || role == Role.COMMUNITY_STAFF && community.equals(org);
        }

        private String move(HttpExchange x, FakeWish w, String from, String to, boolean allowed, long version)
                throws IOException {
            if (!allowed) {
                return problem(x, 403, "not allowed for this caller");
            }
            if (!w.status.equals(from) || version != w.version) {
                return problem(x, 409, "wish " + w.id + " is " + w.status + " v" + w.version + "; wanted " + from
                        + " v" + version);
            }
            w.status = to;
            w.version++;
            moved();
            return w.json();
        }

        private void moved() {
            moves.incrementAndGet();
            if (clock != null) {
                moveTimes.add(clock);
            }
        }

        private String problem(HttpExchange x, int status, String detail) throws IOException {
            // Scripted refusals are part of the scenarios; anything else means the loader sent a bad request.
            if (!detail.contains("yet") && !detail.contains("not allowed from") && !neverLearns) {
                problems.add(status + " " + detail);
            }
            byte[] bytes = ServiceClient.JSON.writeValueAsBytes(Map.of("status", status, "detail", detail));
            x.getResponseHeaders().add("Content-Type", "application/problem+json");
            x.sendResponseHeaders(status, bytes.length);
            x.getResponseBody().write(bytes);
            return null;
        }

        private void respond(HttpExchange x, int status, String json) throws IOException {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(status, bytes.length);
            x.getResponseBody().write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }
}
