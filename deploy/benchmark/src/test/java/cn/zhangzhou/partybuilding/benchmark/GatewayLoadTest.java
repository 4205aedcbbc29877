package cn.zhangzhou.partybuilding.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The load generator against a real HTTP server on loopback (the JDK's): what counts as an error, the round-robin
 * over the requests, and that open-loop latency starts when a request was due.
 */
class GatewayLoadTest {

    private HttpServer server;
    private final AtomicLong served = new AtomicLong();
    private final Map<String, LongAdder> paths = new ConcurrentHashMap<>();
    /** Every n-th request is answered 429 (0 = never). */
    private volatile int refuseEvery;
    private volatile long delayMillis;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        long n = served.incrementAndGet();
        paths.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new LongAdder()).increment();
        if (delayMillis > 0) {
            // The server's simulated work time, not a wait for async work.
            java.util.concurrent.locks.LockSupport.parkNanos(delayMillis * 1_000_000);
        }
        boolean refuse = refuseEvery > 0 && n % refuseEvery == 0;
        byte[] body = (refuse ? "{\"status\":429,\"title\":\"Too Many Requests\"}" : "{\"subject\":\"x\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(refuse ? 429 : 200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                // Generous: a request timed out on a busy build machine that the server still counts would break the
                // exact accounting of closedLoopCountsNon2xxAsErrorsAndKeepsTheFirst (it failed once under load).
                .timeout(Duration.ofSeconds(60)).GET().build();
    }

    @Test
    void closedLoopCountsNon2xxAsErrorsAndKeepsTheFirst() throws Exception {
        refuseEvery = 3;
        GatewayLoad load = new GatewayLoad(Bench.loadClient());

        GatewayLoad.Run run = load.closedLoop(2, Duration.ofMillis(600), List.of(get("/api/v1/me")));

        assertThat(run.ok() + run.errors()).isEqualTo(served.get());
        assertThat(run.errors()).isBetween(served.get() / 3 - 1, served.get() / 3 + 1);
        assertThat(run.firstError()).startsWith("429 /api/v1/me").contains("Too Many Requests");
        assertThat(run.latency().samples()).isEqualTo(run.ok());
        assertThat(run.perSecond()).isEqualTo(run.ok() / run.seconds());
        assertThat(run.seconds()).isGreaterThanOrEqualTo(0.6);
    }

    @Test
    void closedLoopGoesRoundRobinOverTheRequests() throws Exception {
        GatewayLoad load = new GatewayLoad(Bench.loadClient());

        GatewayLoad.Run run = load.closedLoop(1, Duration.ofMillis(400), List.of(get("/members/a"), get("/members/b")));

        assertThat(run.errors()).isZero();
        assertThat(run.firstError()).isNull();
        long a = paths.get("/members/a").sum();
        long b = paths.get("/members/b").sum();
        assertThat(Math.abs(a - b)).isLessThanOrEqualTo(1);
        assertThat(a + b).isEqualTo(run.ok());
    }

    @Test
    void anUnreachableTargetIsAnErrorNotASuccess() throws Exception {
        GatewayLoad load = new GatewayLoad(Bench.loadClient());
        server.stop(0);

        GatewayLoad.Run run = load.closedLoop(1, Duration.ofMillis(200), List.of(get("/api/v1/me")));

        assertThat(run.ok()).isZero();
        assertThat(run.errors()).isPositive();
        assertThat(run.firstError()).contains("/api/v1/me").contains("Exception");
        assertThat(run.latency().samples()).isZero();
    }

    @Test
    void fixedRateSendsAtTheRateAndTimesFromTheDueTime() throws Exception {
        delayMillis = 20;
        GatewayLoad load = new GatewayLoad(Bench.loadClient());

        GatewayLoad.Run run = load.fixedRate(50, Duration.ofSeconds(1), 8, List.of(get("/api/v1/me")));

        // 50/s for 1 s: requests due at 0, 20, ..., 980 ms.
        assertThat(served.get()).isEqualTo(50);
        assertThat(run.ok()).isEqualTo(50);
        assertThat(run.errors()).isZero();
        assertThat(run.perSecond()).isEqualTo(50.0);
        assertThat(run.latency().p50()).isGreaterThanOrEqualTo(20.0);
    }

    @Test
    void fixedRateNeedsAPositiveRate() {
        GatewayLoad load = new GatewayLoad(Bench.loadClient());

        assertThatThrownBy(() -> load.fixedRate(0, Duration.ofSeconds(1), 1, List.of(get("/"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
