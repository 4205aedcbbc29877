package cn.zhangzhou.partybuilding.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.zhangzhou.partybuilding.testing.Promtool;

/**
 * The gateway's scrape as the team's Prometheus reads it (docs/operations.md): after requests answered, refused by
 * the rate limit and refused for a missing token, {@code /actuator/prometheus} has the RED meters per route that the
 * dashboards and alerts use, and passes {@code promtool check metrics} like every service's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        TestTokens.KEY_PROPERTY,
        "zz.gateway.rate-limit.routes.xiangcheng-membership.capacity=3",
        "zz.gateway.rate-limit.routes.xiangcheng-membership.period=1h"})
class GatewayScrapeTest {

    private static HttpServer membership;

    @Value("${local.server.port}")
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void membership(DynamicPropertyRegistry registry) throws IOException {
        membership = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        membership.createContext("/", exchange -> {
            byte[] body = "{\"id\":\"m1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        membership.start();
        registry.add("zz.gateway.districts.xiangcheng.membership",
                () -> "http://localhost:" + membership.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        membership.stop(0);
    }

    @Test
    void theScrapeHasTheRouteMetersAndPassesPromtool() throws Exception {
        Optional<Promtool> promtool = Promtool.find();
        assumeTrue(promtool.isPresent(), Promtool.MISSING);
        String token = TestTokens.districtAdmin("xiangcheng");
        for (int i = 0; i < 5; i++) {
            get("/api/v1/xiangcheng/membership/members/m1", token);
        }
        assertThat(get("/api/v1/xiangcheng/membership/members/m1", null).statusCode()).isEqualTo(401);

        HttpResponse<String> scrape = get("/actuator/prometheus", null);

        assertThat(scrape.statusCode()).isEqualTo(200);
        for (String watched : List.of("spring_cloud_gateway_requests_seconds_count{",
                "http_server_requests_seconds_count{", "status=\"429\"",
                "resilience4j_circuitbreaker_state{", "jvm_memory_used_bytes{")) {
            assertThat(scrape.body()).as(watched).contains(watched);
        }
        Promtool.Result checked = promtool.get().checkMetrics(scrape.body());
        assertThat(checked.exitCode()).as(checked.output()).isZero();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
