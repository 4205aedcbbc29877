package cn.zhangzhou.partybuilding.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady load on one path: {@code perSecond} GET requests a second for {@code duration}, started at a fixed rate
 * whatever the answers take (an open workload, as clients behave), spread over the given gateways in turn.
 */
final class Load {

    /**
     * What the load got: statuses, 429s that are not a problem document with Retry-After, requests without an answer,
     * and the time from the first request to the last.
     */
    record Result(Map<Integer, Integer> statuses, int refusedBadly, int failed, Duration span) {

        int count(int status) {
            return statuses.getOrDefault(status, 0);
        }

        int total() {
            return statuses.values().stream().mapToInt(Integer::intValue).sum() + failed;
        }
    }

    private Load() {
    }

    /**
     * The route {@code xiangcheng-paced}, limited to 50 a second, under load: one client offers 200 a second for
     * 10 s, another 20 a second meanwhile, spread over the gateways. The limit held: what reached the service is
     * exactly what was accepted, and it is the burst plus 50 × the load's duration, within 5 %. The duration is
     * bracketed by the time the client took to send and the time over which the accepted requests arrived at the
     * service: on a quiet machine the two agree, on the shared build machine (load average up to 22 on 2 cores)
     * requests reached the gateway, or the service, over seconds more. Every other answer is a 429 problem with
     * Retry-After; every request is answered; the other client got everything through.
     *
     * @param refillStep how the limiter refills: {@link Duration#ZERO} for a continuous refill (Bucket4j, in memory);
     *                   one second for Spring Cloud Gateway's Redis script, which reads Redis {@code TIME} in whole
     *                   seconds and so adds a second's 50 at once: a window of w seconds then holds between w − 1 and
     *                   w + 1 seconds of refill depending on where it starts in the second (up to ±9 % of 10 s), so the
     *                   5 % is taken around that step, not inside it
     */
    static void assertPacedRouteHolds(List<String> gateways, CountingService service, Duration refillStep)
            throws Exception {
        int before = service.served();
        CompletableFuture<Result> calm = CompletableFuture.supplyAsync(() -> drive(gateways,
                "/api/v1/xiangcheng/paced/calm", TestTokens.districtAdmin("calm-client", "xiangcheng"), 20,
                Duration.ofSeconds(10)));
        Result busy = drive(gateways, "/api/v1/xiangcheng/paced/busy",
                TestTokens.districtAdmin("busy-client", "xiangcheng"), 200, Duration.ofSeconds(10));
        Result other = calm.get(90, TimeUnit.SECONDS);

        List<Long> arrivals = service.arrivals("/api/v1/busy");
        double atService = (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1e9;
        double sent = busy.span().toNanos() / 1e9;
        double step = refillStep.toNanos() / 1e9;
        double low = 0.95 * (50 + 50 * Math.max(0, Math.min(sent, atService) - step));
        double high = 1.05 * (50 + 50 * (Math.max(sent, atService) + step));
        System.out.printf("rate limit under load: %d accepted; sent over %.2f s, arrived at the service over %.2f s: "
                + "%.0f to %.0f allowed (%s)%n", busy.count(200), sent, atService, low, high, busy);
        assertThat(busy.failed()).as("no answer: %s", busy).isZero();
        assertThat(busy.count(200) + busy.count(429)).as("only 200 and 429: %s", busy).isEqualTo(busy.total());
        assertThat(busy.refusedBadly()).as("a 429 without Retry-After or problem: %s", busy).isZero();
        assertThat(arrivals).as("what reached the service").hasSize(busy.count(200));
        assertThat((double) busy.count(200)).as("accepted: %s", busy).isBetween(low, high);
        assertThat(other.count(200)).as("the other client: %s", other).isEqualTo(other.total());
        assertThat(service.served() - before).as("what passed reached the service, nothing else")
                .isEqualTo(busy.count(200) + other.count(200));
    }

    private static Result drive(List<String> gatewayUrls, String path, String token, int perSecond, Duration duration) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(8)).build();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicInteger refusedBadly = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> answers = new CopyOnWriteArrayList<>();
        int total = (int) (perSecond * duration.toMillis() / 1000);
        AtomicInteger started = new AtomicInteger();
        AtomicLong last = new AtomicLong();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        clock.scheduleAtFixedRate(() -> {
            int n = started.getAndIncrement();
            if (n >= total) {
                return;
            }
            last.set(System.nanoTime());
            HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrls.get(n % gatewayUrls.size()) + path))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build();
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
                if (error != null) {
                    failed.incrementAndGet();
                    return null;
                }
                statuses.merge(response.statusCode(), 1, Integer::sum);
                if (response.statusCode() == 429 && (response.headers().firstValue("Retry-After").isEmpty()
                        || !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"))) {
                    refusedBadly.incrementAndGet();
                }
                return null;
            }));
        }, 0, 1_000_000_000L / perSecond, TimeUnit.NANOSECONDS);
        try {
            await().atMost(duration.plusSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> started.get() >= total);
            // The last request counts as started before it is sent and added to the answers: stop the clock and wait
            // for that tick to finish, or its answer is missed while its request still reaches the service (a CI run
            // counted 749 answers against 750 requests served).
            clock.shutdown();
            if (!clock.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the load's last request was not sent within 30 s");
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the load on " + path + " did not finish", e);
        } finally {
            clock.shutdownNow();
        }
        return new Result(Map.copyOf(statuses), refusedBadly.get(), failed.get(),
                Duration.ofNanos(last.get() - start));
    }
}
