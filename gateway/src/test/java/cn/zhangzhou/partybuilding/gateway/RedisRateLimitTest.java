package cn.zhangzhou.partybuilding.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhangzhou.partybuilding.gateway.limit.RateLimitFilter;
import cn.zhangzhou.partybuilding.embedded.FreePorts;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
 * they give is the bucket's real refill time, the bucket refills, other clients have their own, and with Redis gone
 * the gateways keep serving (fail open, at once) and limit again once it is back. The service behind is a plain
 * JDK HTTP server that counts the requests that reached it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisRateLimitTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PATH = "/api/v1/xiangcheng/membership/me";

    private static RedisServer redis;
    private static int redisPort;
    private static HttpServer service;
    private static final AtomicInteger served = new AtomicInteger();
    private static final List<ConfigurableApplicationContext> gateways = new ArrayList<>();
    private static int gatewayA;
    private static int gatewayB;

    @BeforeAll
    static void start() throws IOException {
        redisPort = FreePorts.find();
        // Loopback only and no persistence: it holds rate-limit counters, and a restart must not bring them back.
        redis = RedisServer.newRedisServer().port(redisPort).setting("save \"\"").setting("appendonly no").build();
        redis.start();
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/", exchange -> {
            served.incrementAndGet();
            byte[] body = "{\"subject\":\"from-the-service\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.start();
        gatewayA = startGateway();
        gatewayB = startGateway();
    }

    @AfterAll
    static void stop() throws IOException {
        gateways.forEach(ConfigurableApplicationContext::close);
        if (service != null) {
            service.stop(0);
        }
        if (redis != null) {
            redis.stop();
        }
    }

    /** 3 requests per 15 s, refilled evenly: one every 5 s. */
    private static int startGateway() {
        // Command-line arguments: the builder's default properties would lose to application.yml.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--" + TestTokens.KEY_PROPERTY,
                "--zz.gateway.rate-limit.store=redis",
                "--zz.gateway.rate-limit.defaults.capacity=3",
                "--zz.gateway.rate-limit.defaults.period=15s",
                "--zz.gateway.districts.xiangcheng.membership=http://127.0.0.1:" + service.getAddress().getPort(),
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + redisPort,
                "--management.tracing.sampling.probability=0.0");
        gateways.add(context);
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @Test
    @Order(1)
    void twoGatewaysCountOneClientTogether() {
        String token = TestTokens.districtAdmin("limited-client", "xiangcheng");
        int before = served.get();

        HttpResponse<String> first = call(gatewayA, token);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue(RateLimitFilter.REMAINING_HEADER)).hasValue("2");
        assertThat(call(gatewayB, token).statusCode()).isEqualTo(200);
        assertThat(call(gatewayA, token).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = call(gatewayB, token);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("Too many requests on xiangcheng-membership");
        // One request's worth of tokens comes back every 5 s, and that is what the client is told.
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(call(gatewayA, token).statusCode()).isEqualTo(429);
        assertThat(served.get() - before).as("refused requests never reach the service").isEqualTo(3);

        // Another client has a bucket of its own.
        assertThat(call(gatewayB, TestTokens.districtAdmin("other-client", "xiangcheng")).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void theBucketRefillsAfterRetryAfter() {
        String token = TestTokens.districtAdmin("refilled-client", "xiangcheng");
        for (int i = 0; i < 3; i++) {
            assertThat(call(i % 2 == 0 ? gatewayA : gatewayB, token).statusCode()).isEqualTo(200);
        }
        assertThat(call(gatewayA, token).statusCode()).isEqualTo(429);
        // Refused requests take no tokens, so polling does not delay the refill.
        await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(500))
                .until(() -> call(gatewayB, token).statusCode() == 200);
        assertThat(call(gatewayA, token).statusCode()).as("one request's worth came back, not more").isEqualTo(429);
    }

    @Test
    @Order(3)
    void withRedisGoneTheGatewaysServeAtOnceAndLimitAgainWhenItReturns() throws IOException {
        String token = TestTokens.districtAdmin("outage-client", "xiangcheng");
        redis.stop();
        int before = served.get();
        // Fail open: beyond the limit of 3, all answered by the service; each within the client's 5 s timeout,
        // so no request waits for Lettuce's reconnect.
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> reply = call(i % 2 == 0 ? gatewayA : gatewayB, token);
            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        }
        assertThat(served.get() - before).isEqualTo(6);

        redis.start();
        // Once both gateways have reconnected, the bucket counts again: the 4th request is refused.
        String after = TestTokens.districtAdmin("after-outage-client", "xiangcheng");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                call(gatewayA, after).statusCode() == 429 && call(gatewayB, after).statusCode() == 429);
    }

    private static HttpResponse<String> call(int port, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH))
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + token)
                .GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
