package cn.zhangzhou.partybuilding.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhangzhou.partybuilding.testing.Api;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The gateway on a real port in front of two real membership services (child JVMs, districts xiangcheng and
 * longwen, on real PostgreSQL and Kafka), called over real HTTP with tokens signed by the test key both trust.
 * The breaker test stops and restarts longwen, so it runs last.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        TestTokens.KEY_PROPERTY,
        "zz.gateway.cors-allowed-origins=http://dashboard.test",
        "zz.gateway.max-body-size=64KB",
        "zz.gateway.retries=1",
        "zz.gateway.rate-limit.routes.xiangcheng-limited.capacity=3",
        // 3 per 15 s, refilled evenly: a token every 5 s, long beside the time the three calls take.
        "zz.gateway.rate-limit.routes.xiangcheng-limited.period=15s",
        // 50 a second, the load test's route.
        "zz.gateway.rate-limit.routes.xiangcheng-paced.capacity=50",
        "zz.gateway.rate-limit.routes.xiangcheng-paced.period=1s",
        "zz.gateway.breaker.sliding-window=4",
        "zz.gateway.breaker.minimum-calls=4",
        "zz.gateway.breaker.open-for=2s",
        "zz.gateway.breaker.half-open-calls=1",
        "zz.gateway.response-timeouts.xiangcheng-silent=700ms",
        "zz.gateway.response-timeouts.xiangcheng-crowd=1500ms",
        "zz.gateway.response-timeouts.xiangcheng-flaky=1s",
        "spring.cloud.gateway.server.webflux.httpclient.connect-timeout=1000",
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=5s"})
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayTest {

    private static final Pattern STATISTICS_COUNT =
            Pattern.compile("http_server_requests_seconds_count\\{[^}]*uri=\"/api/v1/statistics\"[^}]*} ([0-9.E]+)");

    private static ServiceProcess xiangcheng;
    private static ServiceProcess longwen;
    private static SilentServer silent;
    private static SilentServer crowd;
    private static CountingService paced;
    private static CountingService flaky;

    @Value("${local.server.port}")
    int port;

    private Api gateway;

    @BeforeEach
    void gatewayClient() {
        gateway = new Api("http://localhost:" + port, Duration.ofSeconds(20));
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws IOException {
        Path key = ServiceProcess.publicKeyFile("gateway-test");
        xiangcheng = ServiceProcess.create("membership", "xiangcheng", key);
        longwen = ServiceProcess.create("membership", "longwen", key);
        xiangcheng.start();
        longwen.start();
        xiangcheng.awaitReady(Duration.ofMinutes(3));
        longwen.awaitReady(Duration.ofMinutes(3));
        registry.add("zz.gateway.districts.xiangcheng.membership", xiangcheng::baseUrl);
        registry.add("zz.gateway.districts.longwen.membership", longwen::baseUrl);
        // A second route to xiangcheng's service with a tiny rate limit, so the 429 test disturbs no other test.
        registry.add("zz.gateway.districts.xiangcheng.limited", xiangcheng::baseUrl);
        // A "service" that accepts connections and never answers: the response timeout's 504.
        silent = SilentServer.start();
        registry.add("zz.gateway.districts.xiangcheng.silent", silent::baseUrl);
        // Its own hung "service" for the many-requests-in-flight test, so its breaker disturbs no other route.
        crowd = SilentServer.start();
        registry.add("zz.gateway.districts.xiangcheng.crowd", crowd::baseUrl);
        // Services that count the calls reaching them: the rate limit under load, and the breaker.
        paced = CountingService.start();
        registry.add("zz.gateway.districts.xiangcheng.paced", paced::baseUrl);
        flaky = CountingService.start();
        registry.add("zz.gateway.districts.xiangcheng.flaky", flaky::baseUrl);
    }

    @AfterAll
    static void stopServices() {
        if (xiangcheng != null) {
            xiangcheng.stop();
        }
        if (longwen != null) {
            longwen.stop();
        }
        if (crowd != null) {
            crowd.close();
        }
        if (silent != null) {
            silent.close();
        }
        if (paced != null) {
            paced.close();
        }
        if (flaky != null) {
            flaky.close();
        }
    }

    @Test
    @Order(1)
    void aRequestReachesItsDistrictsServiceWithCorrelationAndTrace(CapturedOutput output) {
        Reply x = call("GET", "/api/v1/xiangcheng/membership/statistics", TestTokens.districtAdmin("xiangcheng"), null,
                "X-Correlation-Id", "corr-123");
        assertThat(x.status()).as(x.body()).isEqualTo(200);
        assertThat(x.json().path("district").asString()).isEqualTo("xiangcheng");
        assertThat(x.header("X-Correlation-Id")).isEqualTo("corr-123");

        Reply l = call("GET", "/api/v1/longwen/membership/statistics", TestTokens.districtAdmin("longwen"), null);
        assertThat(l.status()).as(l.body()).isEqualTo(200);
        assertThat(l.json().path("district").asString()).isEqualTo("longwen");
        assertThat(l.header("X-Correlation-Id")).as("generated when absent").matches("[0-9a-f-]{36}");

        // A role that spans districts may call any of them; the service sees the very same token.
        Reply city = call("GET", "/api/v1/longwen/membership/me", TestTokens.cityAdmin(), null);
        assertThat(city.status()).as(city.body()).isEqualTo(200);
        assertThat(city.json().path("subject").asString()).isEqualTo("city-admin");
        assertThat(city.json().path("roles").toString()).isEqualTo("[\"CITY_ADMIN\"]");
        Reply cityStats = call("GET", "/api/v1/longwen/membership/statistics", TestTokens.cityAdmin(), null);
        assertThat(cityStats.status()).as(cityStats.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
                .containsPattern("GET /api/v1/xiangcheng/membership/statistics 200 \\d+ms route=xiangcheng-membership "
                        + "client=\\S+ traceId=[0-9a-f]{32} correlationId=corr-123"));

        String metrics = call("GET", "/actuator/prometheus", null, null).body();
        assertThat(metrics).contains("route_id=\"xiangcheng-membership\"").contains("route_id=\"longwen-membership\"");
        assertThat(call("GET", "/actuator/health/readiness", null, null).body()).contains("UP");
    }

    @Test
    @Order(2)
    void theOtherDistrictsTokenIsRefusedBeforeTheService() {
        double before = servedStatistics(longwen);
        Reply refused = call("GET", "/api/v1/longwen/membership/statistics", TestTokens.districtAdmin("xiangcheng"), null);
        refused.assertProblem(403, "The token's district is xiangcheng, not longwen");
        Reply post = call("POST", "/api/v1/longwen/membership/organisations", TestTokens.districtAdmin("xiangcheng"),
                "{\"code\":\"X1\",\"name\":\"x\",\"type\":\"COMMUNITY\"}");
        post.assertProblem(403, "not longwen");
        assertThat(servedStatistics(longwen)).as("the refused request never reached longwen's service").isEqualTo(before);
        // The service counts what it serves: a request that passes is seen there.
        call("GET", "/api/v1/longwen/membership/statistics", TestTokens.districtAdmin("longwen"), null);
        await().atMost(Duration.ofSeconds(5)).until(() -> servedStatistics(longwen) > before);
    }

    @Test
    @Order(21)
    void aMemberOfAnotherDistrictIsLetThroughToTheServiceWhichDecidesButNoOtherRoleIs() {
        String visitor = TestTokens.withClaims("member@xiangcheng", Map.of("district", "xiangcheng",
                "roles", List.of("MEMBER"), "member", UUID.randomUUID().toString()));
        // Longwen's service answers, not the gateway: whether it knows that member is its decision (here it knows
        // of no district holding this made-up member, so its member binding refuses the token).
        Reply me = call("GET", "/api/v1/longwen/membership/me", visitor, null);
        me.assertProblem(403, "binds member");
        assertThat(me.body()).doesNotContain("The token's district is");

        String memberAndStaff = TestTokens.withClaims("staff@xiangcheng", Map.of("district", "xiangcheng",
                "roles", List.of("MEMBER", "COMMUNITY_STAFF")));
        call("GET", "/api/v1/longwen/membership/statistics", memberAndStaff, null)
                .assertProblem(403, "The token's district is xiangcheng, not longwen");
        String homeless = TestTokens.withClaims("member@nowhere", Map.of("roles", List.of("MEMBER")));
        call("GET", "/api/v1/longwen/membership/statistics", homeless, null).assertProblem(403, "district is (none)");
    }

    @Test
    @Order(3)
    void noForgedOrExpiredTokenIs401() {
        String path = "/api/v1/xiangcheng/membership/statistics";
        Reply none = call("GET", path, null, null).assertProblem(401, "Authentication required");
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        call("GET", path, TestTokens.signedByOtherKey("xiangcheng"), null).assertProblem(401, "Invalid bearer token");
        Reply expired = call("GET", path, TestTokens.expired("xiangcheng"), null).assertProblem(401, "expired");
        assertThat(expired.header("WWW-Authenticate")).contains("invalid_token");
        call("GET", path, "not.a.jwt", null).assertProblem(401, "Invalid bearer token");

        // A token the gateway verified and now remembers: sent again it is answered from the cache, but a copy with
        // another signature, or another payload under its signature, is verified afresh and refused.
        String good = TestTokens.districtAdmin("xiangcheng");
        assertThat(call("GET", path, good, null).status()).isEqualTo(200);
        assertThat(call("GET", path, good, null).status()).isEqualTo(200);
        String[] parts = good.split("\\.");
        String foreignSignature = TestTokens.signedByOtherKey("xiangcheng").split("\\.")[2];
        String otherSignature = parts[0] + "." + parts[1] + "." + foreignSignature;
        call("GET", path, otherSignature, null).assertProblem(401, "Invalid bearer token");
        String otherPayload = parts[0] + "." + TestTokens.cityAdmin().split("\\.")[1] + "." + parts[2];
        call("GET", path, otherPayload, null).assertProblem(401, "Invalid bearer token");
        Matcher cached = Pattern.compile("zz_gateway_tokens_total\\{[^}]*verification=\"cached\"[^}]*} ([0-9.E]+)")
                .matcher(call("GET", "/actuator/prometheus", null, null).body());
        assertThat(cached.find()).as("the cache's counter is exported").isTrue();
        assertThat(Double.parseDouble(cached.group(1))).isGreaterThanOrEqualTo(1);
        call("GET", path, TestTokens.withClaims("someone", Map.of("district", "xiangcheng")), null)
                .assertProblem(401, "claim 'roles'");
        // A token without a district (and no cross-district role) is in no district.
        call("GET", path, TestTokens.withClaims("someone", Map.of("roles", List.of("DISTRICT_ADMIN"))), null)
                .assertProblem(403, "district is (none)");
    }

    @Test
    @Order(4)
    void tooManyRequestsAre429WithRetryAfterAndTheLimitRecovers() {
        String path = "/api/v1/xiangcheng/limited/statistics";
        String token = TestTokens.districtAdmin("rate-tester", "xiangcheng");
        for (int i = 0; i < 3; i++) {
            Reply ok = call("GET", path, token, null);
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        }
        Reply limited = call("GET", path, token, null).assertProblem(429, "Too many requests on xiangcheng-limited");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 5);
        // Per client: another subject still has its own bucket; the other route is untouched.
        assertThat(call("GET", path, TestTokens.districtAdmin("other-client", "xiangcheng"), null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/xiangcheng/membership/statistics", token, null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> call("GET", path, token, null).status() == 200);
    }

    /**
     * 50 a second for one client, offered four times that from eight threads for 10 s: what passes is the burst plus
     * the rate × the time, within 5 %, and all of it reaches the service; the rest is 429 with Retry-After. A second
     * client at 20 a second on the same route meanwhile gets every request through.
     */
    @Test
    @Order(41)
    void underLoadAClientGetsItsRateWithinFivePercentAndAnotherClientIsUnaffected() throws Exception {
        Load.assertPacedRouteHolds(List.of("http://localhost:" + port), paced, Duration.ZERO);
    }

    /** Regression: Spring Security's firewall refused these with an empty 400 (found by the fuzz tests). */
    @Test
    @Order(5)
    void aRequestTheFirewallRefusesIs400Problem() {
        String token = TestTokens.districtAdmin("xiangcheng");
        for (String path : List.of("/api/v1/xiangcheng/membership/members/%2e%2e%2Fstatistics",
                "/api/v1/xiangcheng/membership/members/%00", "/api/v1/xiangcheng/membership/members;x=1")) {
            call("GET", path, token, null).assertProblem(400, "rejected");
        }
    }

    @Test
    @Order(5)
    void unknownDistrictOrServiceIs404Problem() {
        String token = TestTokens.districtAdmin("xiangcheng");
        call("GET", "/api/v1/nowhere/membership/statistics", token, null)
                .assertProblem(404, "Unknown district 'nowhere'");
        call("GET", "/api/v1/xiangcheng/nothing/statistics", token, null)
                .assertProblem(404, "District xiangcheng has no service 'nothing'");
        call("GET", "/elsewhere", token, null).assertProblem(404, "Nothing at /elsewhere");
    }

    @Test
    @Order(6)
    void anOversizedBodyIs413() {
        String big = "{\"code\":\"" + "x".repeat(70 * 1024) + "\"}";
        call("POST", "/api/v1/xiangcheng/membership/organisations", TestTokens.districtAdmin("xiangcheng"), big)
                .assertProblem(413, "larger than the gateway's limit of 65536 bytes");
    }

    @Test
    @Order(61)
    void aChunkedBodyOverTheLimitIs413AndHugeHeadersAre431() {
        byte[] big = ("{\"code\":\"" + "x".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        new Reply(gateway.sendChunked("POST", "/api/v1/xiangcheng/membership/organisations",
                TestTokens.districtAdmin("xiangcheng"), big)).assertProblem(413, "larger than the gateway's limit");

        Reply huge = call("GET", "/api/v1/xiangcheng/membership/statistics", TestTokens.districtAdmin("xiangcheng"), null,
                "X-Padding", "p".repeat(20 * 1024));
        assertThat(huge.status()).isEqualTo(431);
    }

    /**
     * Regression: Spring Cloud CircuitBreaker wraps each breaker in Resilience4j's default bulkhead (25 calls at
     * once, no waiting), which answered 503 to the 26th request in flight on a route and then opened the circuit.
     * The gateway turns it off: rate limits and timeouts bound the load, not a hidden per-route cap.
     */
    @Test
    @Order(63)
    void fortyRequestsInFlightOnOneRouteAreAllForwarded() throws Exception {
        String token = TestTokens.districtAdmin("xiangcheng");
        int before = crowd.connections();
        List<Future<Reply>> replies = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            for (int i = 0; i < 40; i++) {
                replies.add(pool.submit(() -> call("POST", "/api/v1/xiangcheng/crowd/anything", token, "{}")));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> crowd.connections() >= before + 40);
            for (Future<Reply> reply : replies) {
                reply.get().assertProblem(504, "xiangcheng-crowd did not answer in time");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(62)
    void aServiceTooSlowForTheResponseTimeoutIs504ProblemAndOnlyGetIsRetried() {
        String token = TestTokens.districtAdmin("xiangcheng");
        int before = silent.connections();
        long started = System.nanoTime();
        call("POST", "/api/v1/xiangcheng/silent/anything", token, "{}")
                .assertProblem(504, "xiangcheng-silent did not answer in time");
        assertThat((System.nanoTime() - started) / 1_000_000).isBetween(600L, 5_000L);
        await().atMost(Duration.ofSeconds(2)).until(() -> silent.connections() >= before + 1);
        assertThat(silent.connections()).as("a POST is never retried").isEqualTo(before + 1);

        call("GET", "/api/v1/xiangcheng/silent/anything", token, null)
                .assertProblem(504, "xiangcheng-silent did not answer in time");
        // zz.gateway.retries=1: the first attempt and one retry, each on its own connection.
        await().atMost(Duration.ofSeconds(2)).until(() -> silent.connections() >= before + 3);
        assertThat(silent.connections()).as("a GET is retried once").isEqualTo(before + 3);
    }

    @Test
    @Order(63)
    void theTraceContinuesInTheService(CapturedOutput output) {
        // The service's own 404 problem carries the trace id it saw: the gateway's, through traceparent.
        Reply fromService = call("GET", "/api/v1/xiangcheng/membership/organisations/" + java.util.UUID.randomUUID(),
                TestTokens.districtAdmin("xiangcheng"), null, "X-Correlation-Id", "trace-check");
        assertThat(fromService.status()).as(fromService.body()).isEqualTo(404);
        String serviceTraceId = fromService.json().path("traceId").asString();
        assertThat(serviceTraceId).matches("[0-9a-f]{32}");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
                .contains("traceId=" + serviceTraceId + " correlationId=trace-check"));
    }

    @Test
    @Order(7)
    void corsPreflightFromTheDashboardIsAllowedFromElsewhereRefused() {
        Reply allowed = call("OPTIONS", "/api/v1/xiangcheng/membership/statistics", null, null,
                "Origin", "http://dashboard.test", "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "authorization");
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("http://dashboard.test");
        assertThat(allowed.header("Access-Control-Allow-Methods")).contains("GET");

        call("OPTIONS", "/api/v1/xiangcheng/membership/statistics", null, null,
                "Origin", "http://evil.test", "Access-Control-Request-Method", "GET")
                .assertProblem(403, "Cross-origin requests from http://evil.test are not allowed");
        Reply simple = call("GET", "/api/v1/xiangcheng/membership/statistics", TestTokens.districtAdmin("xiangcheng"),
                null, "Origin", "http://dashboard.test");
        assertThat(simple.status()).isEqualTo(200);
        assertThat(simple.header("Access-Control-Allow-Origin")).isEqualTo("http://dashboard.test");
    }

    @Test
    @Order(8)
    void oneSwaggerUiListsEveryServicesApiDocsThroughTheGateway() {
        JsonNode config = call("GET", "/v3/api-docs/swagger-config", null, null).json();
        assertThat(config.path("urls").toString()).contains("/openapi/xiangcheng/membership")
                .contains("/openapi/longwen/membership");
        Reply docs = call("GET", "/openapi/longwen/membership", null, null);
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        // The gateway's paths and the gateway as the server, so "try it out" goes through the gateway.
        assertThat(docs.json().path("paths").has("/api/v1/longwen/membership/organisations")).isTrue();
        assertThat(docs.json().path("paths").has("/api/v1/organisations")).isFalse();
        assertThat(docs.json().path("servers").get(0).path("url").asString()).isEqualTo("/");
        assertThat(call("GET", "/swagger-ui.html", null, null).status()).isIn(200, 302);
    }

    /**
     * The breaker of a route whose service hangs (sliding window 4, minimum 4 calls, 50 %, open for 2 s, 1 call when
     * half open), counted at the service: four timed-out calls open it; while open nothing reaches the service; after
     * the wait exactly one call does (half open, visible in the metrics), and its failure opens the breaker again;
     * once the service answers, the one call after the next wait closes it.
     */
    @Test
    @Order(99)
    void aHungServiceOpensTheBreakerWhichHalfOpensAfterTheWaitAndClosesOnASuccess() throws Exception {
        String path = "/api/v1/xiangcheng/flaky/anything";
        String token = TestTokens.districtAdmin("xiangcheng");
        flaky.slow(Duration.ofSeconds(3));
        for (int i = 0; i < 4; i++) {
            call("POST", path, token, "{}").assertProblem(504, "xiangcheng-flaky did not answer in time");
        }
        // The breaker opened as the 4th call failed, a little before its answer reached here.
        long opened = System.nanoTime();
        assertThat(flaky.served()).isEqualTo(4);
        assertThat(breakerState("xiangcheng-flaky")).isEqualTo("open");
        for (int i = 0; i < 10; i++) {
            call("POST", path, token, "{}").assertProblem(503, "circuit is open");
        }
        assertThat(flaky.served()).as("an open breaker calls no one").isEqualTo(4);

        // The first call after the wait is let through and hangs for the response timeout: half open meanwhile.
        CompletableFuture<Reply> probe = CompletableFuture.supplyAsync(() -> await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100)).until(() -> call("POST", path, token, "{}"), r -> r.status() != 503));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> breakerState("xiangcheng-flaky").equals("half_open"));
        assertThat((System.nanoTime() - opened) / 1_000_000).as("open for 2 s").isGreaterThan(1_500);
        call("POST", path, token, "{}").assertProblem(503, "circuit is open");
        probe.get(10, TimeUnit.SECONDS).assertProblem(504, "did not answer in time");
        assertThat(flaky.served()).as("one call when half open").isEqualTo(5);
        assertThat(breakerState("xiangcheng-flaky")).isEqualTo("open");

        flaky.slow(Duration.ZERO);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> call("POST", path, token, "{}").status() == 200);
        assertThat(breakerState("xiangcheng-flaky")).isEqualTo("closed");
        for (int i = 0; i < 5; i++) {
            assertThat(call("POST", path, token, "{}").status()).isEqualTo(200);
        }
        assertThat(flaky.served()).isEqualTo(11);
    }

    /** The state whose gauge is 1 in the gateway's Prometheus scrape: closed, open, half_open, ... */
    private String breakerState(String route) {
        Matcher m = Pattern.compile("resilience4j_circuitbreaker_state\\{[^}]*name=\"" + route
                + "\"[^}]*state=\"([a-z_]+)\"[^}]*} 1\\.0").matcher(call("GET", "/actuator/prometheus", null, null).body());
        return m.find() ? m.group(1) : "none";
    }

    @Test
    @Order(100)
    void aStoppedServiceOpensItsCircuitWhileTheOtherDistrictWorksAndClosesWhenBack() {
        String longwenToken = TestTokens.districtAdmin("longwen");
        String xiangchengToken = TestTokens.districtAdmin("xiangcheng");
        String longwenPath = "/api/v1/longwen/membership/statistics";
        longwen.stop();

        // Failures (connection refused) are 503 problems at once; after the window's failures the circuit opens.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                call("GET", longwenPath, longwenToken, null).assertProblem(503, "circuit is open"));
        long started = System.nanoTime();
        Reply open = call("GET", longwenPath, longwenToken, null).assertProblem(503, "longwen-membership is unavailable");
        assertThat(open.json().path("instance").asString()).as("the client's path, not the fallback's").isEqualTo(longwenPath);
        assertThat((System.nanoTime() - started) / 1_000_000).as("an open circuit answers at once").isLessThan(500);
        assertThat(open.header("Retry-After")).isNotNull();

        assertThat(call("GET", "/actuator/prometheus", null, null).body())
                .containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"longwen-membership\"[^}]*state=\"open\"[^}]*} 1\\.0");

        Reply other = call("GET", "/api/v1/xiangcheng/membership/statistics", xiangchengToken, null);
        assertThat(other.status()).as(other.body()).isEqualTo(200);

        longwen.start();
        longwen.awaitReady(Duration.ofMinutes(3));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> call("GET", longwenPath, longwenToken, null).status() == 200);
        for (int i = 0; i < 5; i++) {
            assertThat(call("GET", longwenPath, longwenToken, null).status()).as("closed again").isEqualTo(200);
        }
    }

    private double servedStatistics(ServiceProcess service) {
        Api.Response metrics = new Api(service.baseUrl()).get("/actuator/prometheus", null);
        Matcher m = STATISTICS_COUNT.matcher(metrics.raw());
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    /** service-testing's response, read the way these tests assert on it. */
    record Reply(Api.Response response) {

        int status() {
            return response.status();
        }

        String body() {
            return response.raw();
        }

        JsonNode json() {
            return response.body();
        }

        String header(String name) {
            return response.header(name);
        }

        Reply assertProblem(int expected, String detailFragment) {
            assertThat(status()).as(body()).isEqualTo(expected);
            assertThat(header("Content-Type")).as(body()).startsWith("application/problem+json");
            assertThat(json().path("status").asInt()).isEqualTo(expected);
            assertThat(json().path("detail").asString()).contains(detailFragment);
            assertThat(header("X-Correlation-Id")).isNotBlank();
            return this;
        }
    }

    private Reply call(String method, String path, String token, String body, String... headers) {
        return new Reply(gateway.send(method, path, token, body, headers));
    }
}
