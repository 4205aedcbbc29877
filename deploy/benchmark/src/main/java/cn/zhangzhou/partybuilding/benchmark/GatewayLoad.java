package cn.zhangzhou.partybuilding.benchmark;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

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
     * N clients, each sending the next request as soon as the previous one was answered; the requests are taken
     * round-robin from {@code requests} (immutable, so they are built once and sent many times).
     */
    Run closedLoop(int clients, Duration duration, List<HttpRequest> requests) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        Drive.Failures failures = new Drive.Failures();
        Histogram nanos = Results.Latency.histogram();
        long start = System.nanoTime();
        long last = Drive.closedLoop(clients, duration, "gateway-client", client -> () -> {
            HttpRequest request = requests.get((int) (next.getAndIncrement() % requests.size()));
            long sent = System.nanoTime();
            if (send(request, failures)) {
                nanos.recordValue(System.nanoTime() - sent);
            }
            return true;
        });
        double seconds = (Math.max(start + duration.toNanos(), last) - start) / 1e9;
        return new Run(clients, seconds, nanos.getTotalCount(), failures.count(), failures.first(), nanos);
    }

    /** Open loop at a fixed rate; request i is {@code requests} i modulo their number. */
    Run fixedRate(double perSecond, Duration duration, int threads, List<HttpRequest> requests) throws InterruptedException {
        Drive.Failures failures = new Drive.Failures();
        Histogram nanos = Results.Latency.histogram();
        Drive.openLoop(perSecond, duration, threads, (i, due) -> {
            if (send(requests.get(i % requests.size()), failures)) {
                nanos.recordValue(System.nanoTime() - due);
            }
        });
        return new Run(threads, duration.toNanos() / 1e9, nanos.getTotalCount(), failures.count(), failures.first(), nanos);
    }

    /** True for a 2xx answer; counts and remembers anything else. */
    private boolean send(HttpRequest request, Drive.Failures failures) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 200 && r.statusCode() < 300) {
                return true;
            }
            failures.add(r.statusCode() + " " + request.uri().getPath() + " " + abbreviate(r.body()));
        } catch (IOException | RuntimeException e) {
            failures.add(request.uri().getPath() + " " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
