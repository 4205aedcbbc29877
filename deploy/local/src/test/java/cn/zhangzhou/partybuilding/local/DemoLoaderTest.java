package cn.zhangzhou.partybuilding.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import cn.zhangzhou.partybuilding.local.demo.DemoData;
import cn.zhangzhou.partybuilding.local.demo.DemoDataSet;
import cn.zhangzhou.partybuilding.local.demo.DemoFigures;
import cn.zhangzhou.partybuilding.platform.ServiceClient;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The loader against a scripted stand-in of the membership REST contract (this tests our client code;
 * the real service is exercised by its own integration tests and by the running platform).
 */
class DemoLoaderTest {

    static {
        // The JDK server leaves Nagle on, which costs ~40 ms per exchange on loopback; Tomcat does not.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final DemoDataSet demo = DemoData.generate(List.of("xiangcheng", "longwen"));
    private final Map<String, FakeDistrict> districts = new ConcurrentHashMap<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    /** The loader's threads, as the platform gives them. */
    private final Parallel parallel = new Parallel();

    @BeforeEach
    void start() throws IOException {
        for (String d : List.of("xiangcheng", "longwen")) {
            districts.put(d, new FakeDistrict(d));
        }
    }

    @AfterEach
    void stop() {
        parallel.close();
        districts.values().forEach(f -> f.server.stop(0));
    }

    @Test
    void loadsEverythingThroughTheApiWithIdempotencyKeysAndParentIds() {
        DemoLoader loader = loader();
        assertThat(loader.alreadyLoaded()).isFalse();

        loader.load(parallel);

        FakeDistrict xiangcheng = districts.get("xiangcheng");
        FakeDistrict longwen = districts.get("longwen");
        assertThat(xiangcheng.organisations).hasSize(demo.district("xiangcheng").organisations().size());
        assertThat(longwen.members).hasSize(demo.district("longwen").members().size());
        assertThat(xiangcheng.placements.get()).isEqualTo(demo.expectedFigures("xiangcheng").placedMembers());
        assertThat(xiangcheng.acceptedUnitReports.get()).isEqualTo(demo.district("xiangcheng").unitReports().size());
        assertThat(xiangcheng.acceptedMemberReports.get()).isEqualTo(demo.expectedFigures("xiangcheng").memberReportsAccepted());
        // cross-district reports were refused until Xiangcheng "heard" of the members, then accepted
        assertThat(xiangcheng.refusedForeignReports.get()).isEqualTo(2 * DemoData.CROSS_DISTRICT_MEMBERS);
        assertThat(xiangcheng.problems).isEmpty();
        assertThat(longwen.problems).isEmpty();
        assertThat(xiangcheng.creates).allSatisfy(c -> assertThat(c).startsWith("demo-"));
        assertThat(Set.copyOf(xiangcheng.creates)).hasSize(xiangcheng.creates.size() - 2 * DemoData.CROSS_DISTRICT_MEMBERS);
        assertThat(xiangcheng.tokens).allSatisfy(t -> assertThat(t).startsWith("Bearer ey"));
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("demo data loaded in");

        assertThat(loader().alreadyLoaded()).isTrue();
    }

    @Test
    void aRepeatedLoadCreatesNothingTwice() {
        loader().load(parallel);
        int organisations = districts.get("xiangcheng").organisations.size();
        int members = districts.get("longwen").members.size();
        loader().load(parallel);
        assertThat(districts.get("xiangcheng").organisations).hasSize(organisations);
        assertThat(districts.get("longwen").members).hasSize(members);
        assertThat(districts.get("xiangcheng").problems).isEmpty();
    }

    @Test
    void aRefusedCreateStopsTheLoadWithTheProblemDetail() {
        districts.get("longwen").refuseMembers = true;
        assertThatThrownBy(() -> loader().load(parallel))
                .isInstanceOf(ServiceClient.ApiException.class)
                .hasMessageContaining("422")
                .hasMessageContaining("phone is not a mobile number");
    }

    private DemoLoader loader() {
        Map<String, ServiceClient> clients = new java.util.LinkedHashMap<>();
        districts.forEach((d, fake) -> clients.put(d, new ServiceClient(
                "http://localhost:" + fake.server.getAddress().getPort(), () -> "eyJfake." + d)));
        return new DemoLoader(demo, clients, new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    /** Follows the contract's shapes and the rules the loader depends on, nothing more. */
    private final class FakeDistrict {
        final String id;
        final HttpServer server;
        final Map<String, JsonNode> organisations = new ConcurrentHashMap<>();
        final Map<String, JsonNode> members = new ConcurrentHashMap<>();
        final Map<String, String> byKey = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> foreignAttempts = new ConcurrentHashMap<>();
        final Map<String, String> reportStatus = new ConcurrentHashMap<>();
        final AtomicInteger placements = new AtomicInteger();
        final AtomicInteger acceptedUnitReports = new AtomicInteger();
        final AtomicInteger acceptedMemberReports = new AtomicInteger();
        final AtomicInteger refusedForeignReports = new AtomicInteger();
        final List<String> creates = new CopyOnWriteArrayList<>();
        final List<String> tokens = new CopyOnWriteArrayList<>();
        final List<String> problems = new CopyOnWriteArrayList<>();
        volatile boolean refuseMembers;

        FakeDistrict(String id) throws IOException {
            this.id = id;
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/api/v1/", this::handle);
            server.start();
        }

        private void handle(HttpExchange x) throws IOException {
            try (x) {
                tokens.add(x.getRequestHeaders().getFirst("Authorization"));
                String path = x.getRequestURI().getPath().substring("/api/v1".length());
                String method = x.getRequestMethod();
                JsonNode body = "GET".equals(method) ? null : ServiceClient.JSON.readTree(x.getRequestBody().readAllBytes());
                String key = x.getRequestHeaders().getFirst("Idempotency-Key");
                if ("POST".equals(method) && !path.endsWith("/accept")) {
                    creates.add(String.valueOf(key));
                }
                if (key != null && byKey.containsKey(key)) {
                    respond(x, 201, byKey.get(key));
                    return;
                }
                String answer = route(method, path, body, x);
                if (answer == null) {
                    return;
                }
                if (key != null) {
                    byKey.put(key, answer);
                }
                respond(x, "GET".equals(method) || "PUT".equals(method) || path.endsWith("/accept") ? 200 : 201, answer);
            }
        }

        private String route(String method, String path, JsonNode body, HttpExchange x) throws IOException {
            String id = UUID.randomUUID().toString();
            if ("POST".equals(method) && path.equals("/organisations")) {
                String parent = body.path("parentId").isNull() ? null : body.path("parentId").asString();
                if (parent == null != "DISTRICT_COMMITTEE".equals(body.path("type").asString())
                        || parent != null && !organisations.containsKey(parent)) {
                    return problem(x, 422, "unknown parent " + parent + " for " + body.path("code").asString());
                }
                organisations.put(id, body);
                return "{\"id\":\"" + id + "\",\"code\":\"" + body.path("code").asString() + "\",\"version\":0}";
            }
            if ("POST".equals(method) && path.equals("/members")) {
                if (refuseMembers) {
                    return problem(x, 422, "phone is not a mobile number");
                }
                String residence = body.path("residenceCommunityId").asString();
                if (!organisations.containsKey(body.path("homeOrganisationId").asString())
                        || !districts.get(body.path("residenceDistrict").asString()).organisations.containsKey(residence)) {
                    return problem(x, 422, "unknown home or residence of " + body.path("name").asString());
                }
                members.put(id, body);
                return "{\"id\":\"" + id + "\",\"version\":0}";
            }
            if ("PUT".equals(method) && path.startsWith("/placements/")) {
                String member = path.substring("/placements/".length());
                // a member held here, or one another district holds who lives here (known from its events)
                boolean known = members.containsKey(member) || districts.values().stream().anyMatch(d -> d != this
                        && d.members.containsKey(member)
                        && this.id.equals(d.members.get(member).path("residenceDistrict").asString()));
                if (!known || !organisations.containsKey(body.path("partyGroupId").asString())) {
                    return problem(x, 404, "no such member or group");
                }
                placements.incrementAndGet();
                return "{\"memberId\":\"" + member + "\"}";
            }
            if ("POST".equals(method) && (path.equals("/unit-reports") || path.equals("/member-reports"))) {
                if (path.equals("/member-reports") && !id.equals(body.path("memberDistrict").asString())
                        && !this.id.equals(body.path("memberDistrict").asString())) {
                    // a foreign member becomes known only after some events: refuse twice
                    if (foreignAttempts.computeIfAbsent(body.path("memberId").asString(), k -> new AtomicInteger())
                            .incrementAndGet() <= 2) {
                        refusedForeignReports.incrementAndGet();
                        return problem(x, 404, "member not known in " + this.id + " yet");
                    }
                }
                reportStatus.put(id, path);
                return "{\"id\":\"" + id + "\",\"status\":\"SUBMITTED\"}";
            }
            if ("POST".equals(method) && path.endsWith("/accept")) {
                String report = path.split("/")[2];
                String kind = reportStatus.replace(report, "ACCEPTED");
                if (kind == null || kind.equals("ACCEPTED")) {
                    return problem(x, 409, "already decided");
                }
                (kind.equals("/unit-reports") ? acceptedUnitReports : acceptedMemberReports).incrementAndGet();
                return "{\"id\":\"" + report + "\",\"status\":\"ACCEPTED\"}";
            }
            if ("GET".equals(method) && path.equals("/statistics")) {
                DemoFigures f = demo.expectedFigures(this.id);
                long communities = organisations.values().stream().filter(o -> o.path("type").asString().equals("COMMUNITY")).count();
                long grids = organisations.values().stream().filter(o -> o.path("type").asString().equals("GRID")).count();
                long groups = organisations.values().stream().filter(o -> o.path("type").asString().equals("PARTY_GROUP")).count();
                return ServiceClient.JSON.writeValueAsString(Map.of("district", this.id, "communities", communities,
                        "grids", grids, "partyGroups", groups, "members", members.size(),
                        "unitReportsAccepted", acceptedUnitReports.get(),
                        "memberReportsAccepted", acceptedMemberReports.get(), "placedMembers", f.placedMembers()));
            }
            return problem(x, 404, "no route " + method + " " + path);
        }

        private String problem(HttpExchange x, int status, String detail) throws IOException {
            // Expected refusals (a foreign member not known yet, a report decided by an earlier run, the
            // scripted 422) are part of the scenarios; anything else means the loader sent a bad request.
            if (!detail.contains("yet") && !detail.contains("mobile") && status != 409) {
                problems.add(status + " " + detail);
            }
            byte[] bytes = ("{\"status\":" + status + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
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

}
