package cn.zhangzhou.partybuilding.local;

import static cn.zhangzhou.partybuilding.platform.PlatformService.EVALUATION;
import static cn.zhangzhou.partybuilding.platform.PlatformService.MEMBERSHIP;
import static cn.zhangzhou.partybuilding.platform.PlatformService.WISHES;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import cn.zhangzhou.partybuilding.embedded.FreePorts;
import cn.zhangzhou.partybuilding.embedded.ProcessJar;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.platform.ServiceProcess;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import cn.zhangzhou.partybuilding.testing.Api;

/**
 * One trace end to end, in a real trace store (decision 0024): a member claims a wish through the gateway, and the
 * claim's event reaches another service's consumer. The gateway and the district's services, each in its own JVM
 * (one {@code ServiceHost} per test JVM is taken by {@link ServiceBehaviourInHostTest}), send their spans to Zipkin's
 * server; its API must hold the gateway's server span,
 * the wishes service's server span below it, the SQL of the claim, the relay's send of the event as a child of the
 * request's span (through the traceparent stored in the outbox) and evaluation's processing of the event as a child
 * of the send (through the record's traceparent).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceTest {

    private static final String DISTRICT = "yunxiao";

    private TraceStore store;
    private DistrictServices services;
    private ServiceProcess gateway;
    private Api viaGateway;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        store = TraceStore.launch(dir);
        Map<String, String> tracing = Map.of(
                "management.tracing.export.zipkin.enabled", "true",
                "management.tracing.export.zipkin.endpoint", store.spansEndpoint(),
                "management.tracing.sampling.probability", "1.0");
        services = DistrictServices.inOwnJvms(DISTRICT, dir, tracing);
        Path key = Files.writeString(dir.resolve("gateway-jwt-public.pem"), TestTokens.publicKeyPem());
        Map<String, String> configuration = new HashMap<>(tracing);
        int port = FreePorts.find();
        configuration.put("server.port", String.valueOf(port));
        configuration.put("spring.security.oauth2.resourceserver.jwt.public-key-location", "file:" + key);
        for (PlatformService s : PlatformService.districtServices()) {
            configuration.put("zz.gateway.districts." + DISTRICT + "." + s.id(), services.apis.get(s).baseUrl());
        }
        gateway = ServiceProcess.start("gateway", ProcessJar.besideJar(DistrictServices.ROOT.resolve(PlatformService.GATEWAY.jar())),
                DistrictServices.ROOT, port, ServiceConfiguration.environment(configuration),
                List.of("-XX:TieredStopAtLevel=1"), dir.resolve("logs/gateway.log"));
        store.awaitUp();
        gateway.awaitReady(Instant.now().plus(DistrictServices.START));
        viaGateway = new Api("http://localhost:" + port);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable running : new AutoCloseable[] {gateway, services, store}) {
            if (running != null) {
                running.close();
            }
        }
    }

    @Test
    void aClaimIsOneTraceFromTheGatewayToAnotherServicesConsumer() {
        Claimable claimable = aMemberAndAPublishedWishOfANewCommunity();
        String claimPath = "/api/v1/" + DISTRICT + "/wishes/wishes/" + claimable.wish() + "/claim";
        String token = TestTokens.token(Role.MEMBER, DISTRICT, null, UUID.fromString(claimable.member()));
        // The caller's own span: the gateway continues its trace.
        String callerSpan = hex(8);
        AtomicReference<Api.Response> last = new AtomicReference<>();
        String traceId = Awaitility.await().atMost(Duration.ofSeconds(60))
                .failFast(() -> assertThat(last.get() == null ? 201 : last.get().status()).as("%s", last)
                        .isIn(201, 403, 404, 422))
                .until(() -> {
                    String id = hex(16);
                    last.set(viaGateway.post(claimPath, token, null,
                            Map.of("traceparent", "00-" + id + "-" + callerSpan + "-01")));
                    return last.get().status() == 201 ? id : null;
                }, id -> id != null);

        String events = Topics.events(DISTRICT, WISHES.id());
        // Each service exports its spans in batches of its own (every 5 s): wait until all of them are in.
        List<JsonNode> spans = Awaitility.await().atMost(Duration.ofSeconds(60)).until(
                () -> list(store.trace(traceId)), trace -> List.of("gateway SERVER", "wishes SERVER",
                        "wishes PRODUCER", "evaluation CONSUMER").stream().allMatch(kind -> find(trace,
                        span -> kind.equals(service(span) + " " + kind(span))).isPresent()));

        JsonNode gatewayServer = the(spans, "the gateway's server span", span -> "gateway".equals(service(span))
                && "SERVER".equals(kind(span)) && callerSpan.equals(span.path("parentId").asString()));
        JsonNode wishesServer = the(spans, "the wishes service's server span of the claim",
                span -> "wishes".equals(service(span)) && "SERVER".equals(kind(span)));
        assertThat(ancestors(spans, wishesServer)).as("the gateway's span is above the service's")
                .contains(gatewayServer.path("id").asString());
        JsonNode sql = the(spans, "an SQL statement of the claim", span -> "wishes".equals(service(span))
                && span.path("tags").propertyNames().stream().anyMatch(tag -> tag.startsWith("jdbc.query")));
        assertThat(ancestors(spans, sql)).contains(wishesServer.path("id").asString());
        JsonNode send = the(spans, "the relay's send", span -> "wishes".equals(service(span))
                && "PRODUCER".equals(kind(span)) && span.path("name").asString().contains(events));
        assertThat(send.path("parentId").asString()).as("the send continues the request's span")
                .isEqualTo(wishesServer.path("id").asString());
        JsonNode process = the(spans, "evaluation's processing of the event", span -> "evaluation".equals(
                service(span)) && "CONSUMER".equals(kind(span)) && span.path("name").asString().contains(events));
        assertThat(process.path("parentId").asString()).as("the consumer continues the send")
                .isEqualTo(send.path("id").asString());
    }

    private record Claimable(String member, String wish) {
    }

    /** A community with a member, as the wishes service knows them from membership's events, and a published wish. */
    private Claimable aMemberAndAPublishedWishOfANewCommunity() {
        Api membership = services.apis.get(MEMBERSHIP);
        Api wishes = services.apis.get(WISHES);
        String admin = TestTokens.token(Role.DISTRICT_ADMIN, DISTRICT, null, null);
        String committee = created(membership.post("/api/v1/organisations", admin, organisation("DISTRICT_COMMITTEE",
                null)));
        String street = created(membership.post("/api/v1/organisations", admin, organisation("STREET_COMMITTEE",
                committee)));
        String community = created(membership.post("/api/v1/organisations", admin, organisation("COMMUNITY",
                street)));
        String member = created(membership.post("/api/v1/members", admin, Map.of("name", "王小明",
                "phone", "13900000000", "idNumber", "35060219800101123X", "address", "漳州市某路1号",
                "homeOrganisationId", community, "residenceDistrict", DISTRICT, "residenceCommunityId", community,
                "category", "IN_SERVICE", "specialties", List.of("法律"))));
        String year = String.valueOf(LocalDate.now().getYear());
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> wishes.get("/api/v1/reports/wishes?organisationId="
                + community + "&year=" + year, admin).status() == 200);
        Api.Response posted = wishes.post("/api/v1/wishes", admin, Map.of("communityId", community,
                "category", "DAILY_NECESSITIES", "description", "一袋大米和一桶食用油", "estimatedValueYuan", 120,
                "beneficiary", Map.of("name", "王秀英", "phone", "13800001111", "address", "某路8号")));
        String wish = created(posted);
        assertThat(wishes.post("/api/v1/wishes/" + wish + "/publish", admin, Map.of("version", posted.version()))
                .status()).isEqualTo(200);
        return new Claimable(member, wish);
    }

    private static Map<String, Object> organisation(String type, String parent) {
        String code = "T" + hex(4).toUpperCase();
        Map<String, Object> body = new HashMap<>(Map.of("code", code, "name", "追踪测试" + code, "type", type));
        body.put("parentId", parent);
        return body;
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static List<JsonNode> list(JsonNode trace) {
        List<JsonNode> spans = new ArrayList<>();
        trace.forEach(spans::add);
        return spans;
    }

    private static Optional<JsonNode> find(List<JsonNode> spans, Predicate<JsonNode> which) {
        return spans.stream().filter(which).findFirst();
    }

    private static JsonNode the(List<JsonNode> spans, String what, Predicate<JsonNode> which) {
        return find(spans, which).orElseThrow(() -> new AssertionError("no " + what + " in the trace: " + spans));
    }

    /** The ids of the span's parent, its parent's parent, and so on, as far as the trace holds them. */
    private static List<String> ancestors(List<JsonNode> spans, JsonNode span) {
        List<String> ids = new ArrayList<>();
        String parent = span.path("parentId").asString(null);
        while (parent != null && !ids.contains(parent)) {
            ids.add(parent);
            String id = parent;
            parent = find(spans, s -> id.equals(s.path("id").asString())).map(s -> s.path("parentId").asString(null))
                    .orElse(null);
        }
        return ids;
    }

    private static String service(JsonNode span) {
        return span.path("localEndpoint").path("serviceName").asString();
    }

    private static String kind(JsonNode span) {
        return span.path("kind").asString();
    }
}
