package cn.zhangzhou.partybuilding.benchmark;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * Drives GET requests at one target (the service, the bare gateway or the real gateway): closed loop with N
 * clients, or open loop at a fixed rate. A 2xx answer with its body read is a success; anything else (a 429 from
 * the rate limit, a 503 from the breaker, a timeout) is an error, and the first one is kept for the report.
 */
final class GatewayLoad {

    /**
     * What a run produced.
     *
     * @param nanos latency of each success: closed loop from sending, open loop from the time the request was due
     *              (so a stalled target cannot hide the requests it delayed)
     */
    record Run(int clients, double seconds, long ok, long errors, String firstError, Histogram nanos) {

        double perSecond() {
            return ok / seconds;
        }

        Results.Latency latency() {
            return Results.Latency.of(nanos);
        }
    }

    private final HttpClient http;

    GatewayLoad(HttpClient http) {
        this.http = http;
    }

    /**
     * N client threads, each sending the next request as soon as the previous one was answered; the requests are
     * taken round-robin from {@code requests} (immutable, so they are built once and sent many times).
     */
    Run closedLoop(int clients, Duration duration, List<HttpRequest> requests) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        Histogram nanos = Results.Latency.histogram();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    HttpRequest request = requests.get((int) (next.getAndIncrement() % requests.size()));
                    long sent = System.nanoTime();
                    if (send(request, errors, firstError)) {
                        nanos.recordValue(System.nanoTime() - sent);
                    }
                }
            }, "gateway-client-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(duration.toMillis() + 60_000);
        }
        double seconds = (Math.max(end, System.nanoTime()) - start) / 1e9;
        return new Run(clients, seconds, nanos.getTotalCount(), errors.get(), firstError.get(), nanos);
    }

    /**
     * Open loop: request i is due at start + i/rate whether or not earlier ones were answered, executed by a pool
     * large enough not to be the limit at half the direct rate.
     */
    Run fixedRate(double perSecond, Duration duration, int threads, List<HttpRequest> requests) throws InterruptedException {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("the rate must be > 0: " + perSecond);
        }
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long period = Math.max(1, Math.round(1e9 / perSecond));
        Histogram nanos = Results.Latency.histogram();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        int i = 0;
        try {
            for (long due = start; due < end; due += period, i++) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                HttpRequest request = requests.get(i % requests.size());
                long dueAt = due;
                pool.execute(() -> {
                    if (send(request, errors, firstError)) {
                        nanos.recordValue(System.nanoTime() - dueAt);
                    }
                });
            }
        } finally {
            pool.shutdown();
            if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        }
        return new Run(threads, duration.toNanos() / 1e9, nanos.getTotalCount(), errors.get(), firstError.get(), nanos);
    }

    /** True for a 2xx answer; counts and remembers anything else. */
    private boolean send(HttpRequest request, AtomicLong errors, AtomicReference<String> firstError) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 200 && r.statusCode() < 300) {
                return true;
            }
            errors.incrementAndGet();
            firstError.compareAndSet(null, r.statusCode() + " " + request.uri().getPath() + " " + abbreviate(r.body()));
        } catch (IOException | RuntimeException e) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, request.uri().getPath() + " " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
