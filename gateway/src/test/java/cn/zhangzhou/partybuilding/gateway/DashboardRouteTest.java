package cn.zhangzhou.partybuilding.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard's routes (decision 0023) in front of a scripted dashboard: its API at {@code /api/v1/dashboard/**} and
 * its page at {@code /dashboard/**}, the page's files without a token, every API path with one; and its Server-Sent
 * Events passed on as they come, through a quiet longer than the gateway's response timeout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        TestTokens.KEY_PROPERTY,
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s"})
class DashboardRouteTest {

    /** Longer than the response timeout: a route with one would cut the stream here. */
    private static final Duration QUIET = Duration.ofMillis(2500);

    private static HttpServer dashboard;
    private static final CountDownLatch neverReleased = new CountDownLatch(1);
    private static final AtomicBoolean secondEventSent = new AtomicBoolean();

    @Value("${local.server.port}")
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void dashboard(DynamicPropertyRegistry registry) throws IOException {
        dashboard = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        dashboard.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/api/v1/live")) {
                live(exchange);
            } else {
                answer(exchange, exchange.getRequestURI().getPath().startsWith("/api/") ? "application/json"
                        : "text/html", "{\"path\":\"" + exchange.getRequestURI().getPath() + "\"}");
            }
        });
        // A stream holds its thread: the other calls need their own.
        dashboard.setExecutor(Executors.newCachedThreadPool());
        dashboard.start();
        registry.add("zz.gateway.dashboard", () -> "http://localhost:" + dashboard.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        dashboard.stop(0);
    }

    @Test
    void theApiReachesTheDashboardWithATokenOnlyAndThePageWithout() throws Exception {
        String token = TestTokens.cityAdmin();
        assertThat(get("/api/v1/dashboard/city", token).body()).contains("\"path\":\"/api/v1/city\"");
        assertThat(get("/api/v1/dashboard/city", null).statusCode()).isEqualTo(401);
        assertThat(get("/dashboard/api/v1/freshness", token).body()).contains("\"path\":\"/api/v1/freshness\"");
        assertThat(get("/dashboard/api/v1/freshness", null).statusCode()).isEqualTo(401);
        HttpResponse<String> page = get("/dashboard/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("\"path\":\"/\"");
        assertThat(get("/dashboard/assets/app.js", null).body()).contains("\"path\":\"/assets/app.js\"");
    }

    @Test
    void serverSentEventsComeAsTheyAreSentThroughAQuietLongerThanTheResponseTimeout() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/dashboard/live"))
                .header("Authorization", "Bearer " + TestTokens.cityAdmin()).build();
        HttpResponse<Stream<String>> stream = http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        Iterator<String> lines = stream.body().iterator();
        assertThat(lines.next()).isEqualTo("event:open");
        assertThat(lines.next()).isEqualTo("data:{}");
        assertThat(secondEventSent).as("the first event came before the second was sent: nothing buffers").isFalse();
        assertThat(lines.next()).isEmpty();
        assertThat(lines.next()).isEqualTo("event:figures");
        assertThat(lines.next()).isEqualTo("data:{\"district\":\"xiangcheng\"}");
    }

    /** An open event, a quiet longer than the gateway's response timeout, a figures event, the end. */
    private static void live(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("event:open\ndata:{}\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            // The quiet between two events is what this test is about, not a wait for something to happen.
            neverReleased.await(QUIET.toMillis(), TimeUnit.MILLISECONDS);
            secondEventSent.set(true);
            out.write("event:figures\ndata:{\"district\":\"xiangcheng\"}\n\n".getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
