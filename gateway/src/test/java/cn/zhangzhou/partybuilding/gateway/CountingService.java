package cn.zhangzhou.partybuilding.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A plain JDK HTTP server behind a route that counts the requests that reached it and notes when they did: the rate limit and the breaker
 * are proven by what arrives here. It answers 200 at once, or, once {@link #slow} is set, only after the given delay
 * (longer than the route's response timeout: a hung service from the gateway's side).
 */
final class CountingService implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger served = new AtomicInteger();
    private final Map<String, Queue<Long>> arrivals = new ConcurrentHashMap<>();
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
    private final CountDownLatch closed = new CountDownLatch(1);

    private CountingService(HttpServer server) {
        this.server = server;
    }

    static CountingService start() {
        try {
            CountingService service = new CountingService(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            service.server.createContext("/", exchange -> {
                service.served.incrementAndGet();
                service.arrivals.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new ConcurrentLinkedQueue<>())
                        .add(System.nanoTime());
                service.delayed();
                byte[] body = "{\"subject\":\"from-the-service\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            service.server.setExecutor(Executors.newFixedThreadPool(16));
            service.server.start();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int served() {
        return served.get();
    }

    /** When each request for the path arrived ({@link System#nanoTime}), in order of arrival. */
    List<Long> arrivals(String path) {
        return List.copyOf(arrivals.getOrDefault(path, new ConcurrentLinkedQueue<>()));
    }

    /** Answers only after {@code by} from now on; {@link Duration#ZERO} answers at once again. */
    void slow(Duration by) {
        delay.set(by);
    }

    /** The service's own hang: waits out the delay unless the server is closed first. */
    private void delayed() {
        try {
            closed.await(delay.get().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}
