package cn.zhangzhou.partybuilding.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
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
     * The limit held: what reached the service is what was accepted, and it is the burst plus {@code perSecond} × the
     * time over which it arrived there, within 5 % (timed at the service: on a busy machine the client's requests
     * reach the gateway over longer than the client took to send them); every other answer a 429 problem with
     * Retry-After, and every request answered.
     */
    static void assertRate(Result result, List<Long> arrivals, double perSecond, int burst) {
        double seconds = (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1e9;
        double expected = burst + perSecond * seconds;
        System.out.printf("rate limit under load: %d accepted in %.2f s at the service, %.0f expected (%s)%n",
                result.count(200), seconds, expected, result);
        assertThat(result.failed()).as("no answer: %s", result).isZero();
        assertThat(result.count(200) + result.count(429)).as("only 200 and 429: %s", result).isEqualTo(result.total());
        assertThat(result.refusedBadly()).as("a 429 without Retry-After or problem: %s", result).isZero();
        assertThat(arrivals).as("what reached the service").hasSize(result.count(200));
        assertThat((double) result.count(200)).as("accepted, expected %.0f: %s", expected, result)
                .isCloseTo(expected, withinPercentage(5));
    }

    static Result drive(List<String> gatewayUrls, String path, String token, int perSecond, Duration duration) {
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
            clock.shutdownNow();
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
