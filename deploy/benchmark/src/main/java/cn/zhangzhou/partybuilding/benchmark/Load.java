package cn.zhangzhou.partybuilding.benchmark;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Drives POST /members: closed loop with N clients, or open loop at a fixed rate ({@link Drive}). */
final class Load {

    /** One accepted command (201): the member it created, when it was sent and when the 201 arrived (nanoTime). */
    record Command(UUID member, long sentNanos, long acceptedNanos) {
    }

    /** What a run produced. */
    record Run(int clients, long startNanos, long endNanos, List<Command> accepted, long errors, String firstError) {
        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    private final HttpClient http;
    private final MembershipApi api;

    Load(HttpClient http, MembershipApi api) {
        this.http = http;
        this.api = api;
    }

    Run closedLoop(int clients, Duration duration) throws InterruptedException {
        ConcurrentLinkedQueue<Command> accepted = new ConcurrentLinkedQueue<>();
        Drive.Failures failures = new Drive.Failures();
        long start = System.nanoTime();
        long last = Drive.closedLoop(clients, duration, "client", client -> () -> {
            send(accepted, failures);
            return true;
        });
        return new Run(clients, start, Math.max(start + duration.toNanos(), last), List.copyOf(accepted),
                failures.count(), failures.first());
    }

    Run fixedRate(double perSecond, Duration duration, int threads) throws InterruptedException {
        ConcurrentLinkedQueue<Command> accepted = new ConcurrentLinkedQueue<>();
        Drive.Failures failures = new Drive.Failures();
        long start = System.nanoTime();
        Drive.openLoop(perSecond, duration, threads, (i, due) -> send(accepted, failures));
        return new Run(threads, start, start + duration.toNanos(), List.copyOf(accepted), failures.count(),
                failures.first());
    }

    private void send(ConcurrentLinkedQueue<Command> accepted, Drive.Failures failures) {
        HttpRequest request = api.registerRequest();
        long sent = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            long at = System.nanoTime();
            if (r.statusCode() == 201) {
                accepted.add(new Command(MembershipApi.memberId(r.body()), sent, at));
            } else {
                failures.add(r.statusCode() + " " + r.body());
            }
        } catch (IOException | RuntimeException e) {
            failures.add(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
