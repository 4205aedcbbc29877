package cn.zhangzhou.partybuilding.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhangzhou.partybuilding.gateway.limit.RateLimitFilter;
import cn.zhangzhou.partybuilding.embedded.FreePorts;
import cn.zhangzhou.partybuilding.testing.Api;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import redis.embedded.RedisServer;

/**
 * The Redis store against a real Redis server: two gateway instances count one client together, the Retry-After
 * they give is the bucket's real refill time, the bucket refills, other clients have their own, the rate holds within
 * 5 % under load, and with Redis gone the gateways keep serving (fail open, at once) and limit again once it is back.
 * The service behind counts the requests that reached it ({@link CountingService}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisRateLimitTest {

    private static final String PATH = "/api/v1/xiangcheng/membership/me";

    private static RedisServer redis;
    private static int redisPort;
    private static CountingService service;
    private static final List<ConfigurableApplicationContext> gateways = new ArrayList<>();
    private static final List<String> gatewayUrls = new ArrayList<>();
    private static Api gatewayA;
    private static Api gatewayB;

    @BeforeAll
    static void start() throws IOException {
        redisPort = FreePorts.find();
        // Loopback only and no persistence: it holds rate-limit counters, and a restart must not bring them back.
        redis = RedisServer.newRedisServer().port(redisPort).setting("save \"\"").setting("appendonly no").build();
        redis.start();
        service = CountingService.start();
        gatewayA = startGateway();
        gatewayB = startGateway();
    }

    @AfterAll
    static void stop() throws IOException {
        gateways.forEach(ConfigurableApplicationContext::close);
        if (service != null) {
            service.close();
        }
        if (redis != null) {
            redis.stop();
        }
    }

    /** 3 requests per 15 s, refilled evenly: one every 5 s. */
    private static Api startGateway() {
        // Command-line arguments: the builder's default properties would lose to application.yml.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--" + TestTokens.KEY_PROPERTY,
                "--zz.gateway.rate-limit.store=redis",
                "--zz.gateway.rate-limit.defaults.capacity=3",
                "--zz.gateway.rate-limit.defaults.period=15s",
                "--zz.gateway.districts.xiangcheng.membership=" + service.baseUrl(),
                // 50 a second on a second route to the service, for the load test.
                "--zz.gateway.districts.xiangcheng.paced=" + service.baseUrl(),
                "--zz.gateway.rate-limit.routes.xiangcheng-paced.capacity=50",
                "--zz.gateway.rate-limit.routes.xiangcheng-paced.period=1s",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + redisPort,
                "--management.tracing.sampling.probability=0.0");
        gateways.add(context);
        // A 5 s timeout: a request waiting for Lettuce's reconnect while Redis is gone would fail the test.
        String url = "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port");
        gatewayUrls.add(url);
        return new Api(url, Duration.ofSeconds(5));
    }

    @Test
    @Order(1)
    void twoGatewaysCountOneClientTogether() {
        String token = TestTokens.districtAdmin("limited-client", "xiangcheng");
        int before = service.served();

        Api.Response first = call(gatewayA, token);
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(first.header(RateLimitFilter.REMAINING_HEADER)).isEqualTo("2");
        assertThat(call(gatewayB, token).status()).isEqualTo(200);
        assertThat(call(gatewayA, token).status()).isEqualTo(200);

        Api.Response refused = call(gatewayB, token);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.raw()).contains("Too many requests on xiangcheng-membership");
        // One request's worth of tokens comes back every 5 s, and that is what the client is told.
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(call(gatewayA, token).status()).isEqualTo(429);
        assertThat(service.served() - before).as("refused requests never reach the service").isEqualTo(3);

        // Another client has a bucket of its own.
        assertThat(call(gatewayB, TestTokens.districtAdmin("other-client", "xiangcheng")).status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void theBucketRefillsAfterRetryAfter() {
        String token = TestTokens.districtAdmin("refilled-client", "xiangcheng");
        for (int i = 0; i < 3; i++) {
            assertThat(call(i % 2 == 0 ? gatewayA : gatewayB, token).status()).isEqualTo(200);
        }
        assertThat(call(gatewayA, token).status()).isEqualTo(429);
        // Refused requests take no tokens, so polling does not delay the refill.
        await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(500))
                .until(() -> call(gatewayB, token).status() == 200);
        assertThat(call(gatewayA, token).status()).as("one request's worth came back, not more").isEqualTo(429);
    }

    /**
     * 50 a second for one client, offered 200 a second for 10 s spread over both gateways: together they let through
     * the burst plus the rate × the time, within 5 % around the limiter's one-second refill step (Spring Cloud
     * Gateway's script counts Redis time in whole seconds); the rest is 429 with Retry-After. A second client at 20 a second
     * meanwhile gets every request through.
     */
    @Test
    @Order(3)
    void underLoadTwoGatewaysHoldTheRateWithinFivePercentTogether() throws Exception {
        Load.assertPacedRouteHolds(gatewayUrls, service, Duration.ofSeconds(1));
    }

    @Test
    @Order(4)
    void withRedisGoneTheGatewaysServeAtOnceAndLimitAgainWhenItReturns() throws IOException {
        String token = TestTokens.districtAdmin("outage-client", "xiangcheng");
        redis.stop();
        int before = service.served();
        // Fail open: beyond the limit of 3, all answered by the service; each within the client's 5 s timeout,
        // so no request waits for Lettuce's reconnect.
        for (int i = 0; i < 6; i++) {
            Api.Response reply = call(i % 2 == 0 ? gatewayA : gatewayB, token);
            assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        }
        assertThat(service.served() - before).isEqualTo(6);

        redis.start();
        // Once both gateways have reconnected, the bucket counts again: the 4th request is refused.
        String after = TestTokens.districtAdmin("after-outage-client", "xiangcheng");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                call(gatewayA, after).status() == 429 && call(gatewayB, after).status() == 429);
    }

    private static Api.Response call(Api gateway, String token) {
        return gateway.get(PATH, token);
    }
}
