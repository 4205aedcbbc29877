package cn.zhangzhou.partybuilding.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client's handling of a service that cannot verify tokens for a moment (5xx), against a scripted server. */
class ServiceClientTest {

    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile int failures;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/api/v1/statistics", exchange -> {
            int n = calls.incrementAndGet();
            boolean fail = n <= failures;
            byte[] body = (fail ? "{\"status\":500,\"detail\":\"An unexpected error occurred\"}" : "{\"members\":7}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", fail ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(fail ? 500 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ServiceClient client() {
        return new ServiceClient("http://localhost:" + server.getAddress().getPort(), () -> "token");
    }

    @Test
    void aPassing5xxIsRiddenOut() {
        failures = 1;
        assertThat(client().getOk("/statistics", Map.of()).path("members").asInt()).isEqualTo(7);
        assertThat(calls).hasValue(2);
    }

    @Test
    void aLasting5xxFailsAfterTheBoundedAttempts() {
        failures = Integer.MAX_VALUE;
        assertThatThrownBy(() -> client().getOk("/statistics", Map.of()))
                .isInstanceOf(ServiceClient.ApiException.class).hasMessageContaining("500")
                .hasMessageContaining("An unexpected error occurred");
        assertThat(calls).hasValue(ServiceClient.TRANSIENT_ATTEMPTS);
    }
}
