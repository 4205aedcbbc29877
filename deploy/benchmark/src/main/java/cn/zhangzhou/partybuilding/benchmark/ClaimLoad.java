package cn.zhangzhou.partybuilding.benchmark;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

/**
 * Drives POST /wishes/{id}/claim. Spread: N clients, each claiming the next wish of the pool as soon as its
 * previous claim was answered (every claim should win). Contended: rounds of one fresh wish claimed by N
 * members at the same instant (exactly one should win, the others get 409).
 */
final class ClaimLoad {

    /** One won claim (201): the wish, when the request was sent and when the 201 arrived (nanoTime). */
    record Won(UUID wish, long sentNanos, long acceptedNanos) {
    }

    /** What a spread run produced; {@code exhausted} if the pool ran dry before the end. */
    record SpreadRun(int clients, long startNanos, long endNanos, List<Won> won, long errors, String firstError,
                     boolean exhausted) {
        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        double claimsPerSecond() {
            return won.size() / seconds();
        }
    }

    /**
     * A contended level: per wish how many claims won; the answers by status; winner and loser latencies (ns).
     */
    record ContendedRun(int contenders, int wishes, Map<Integer, Integer> winnersPerWish, Map<Integer, Integer> statuses,
                        Histogram winnerNanos, Histogram loserNanos, List<UUID> wonWishes, String firstUnexpected) {
    }

    private final HttpClient http;
    private final WishesApi api;
    private final List<String> memberTokens;

    ClaimLoad(HttpClient http, WishesApi api, List<String> memberTokens) {
        this.http = http;
        this.api = api;
        this.memberTokens = List.copyOf(memberTokens);
    }

    /** N clients, each claiming the next wish of the pool as soon as its previous claim was answered. */
    SpreadRun spread(int clients, Duration duration, ConcurrentLinkedQueue<UUID> pool) throws InterruptedException {
        ConcurrentLinkedQueue<Won> won = new ConcurrentLinkedQueue<>();
        Drive.Failures failures = new Drive.Failures();
        AtomicLong sequence = new AtomicLong();
        long start = System.nanoTime();
        long last = Drive.closedLoop(clients, duration, "claimer", client -> () -> {
            UUID wish = pool.poll();
            if (wish == null) {
                return false;
            }
            Answer a = claim(wish, memberTokens.get((int) (sequence.getAndIncrement() % memberTokens.size())));
            if (a.status() == 201) {
                won.add(new Won(wish, a.sentNanos(), a.answeredNanos()));
            } else {
                failures.add(a.status() + " " + a.body());
            }
            return true;
        });
        return new SpreadRun(clients, start, last, List.copyOf(won), failures.count(), failures.first(),
                pool.isEmpty() && last < start + duration.toNanos());
    }

    /** {@code rounds} wishes one after another, each claimed by {@code contenders} different members at once. */
    ContendedRun contended(int contenders, List<UUID> wishes) throws InterruptedException {
        if (contenders > memberTokens.size()) {
            throw new IllegalArgumentException(contenders + " contenders but only " + memberTokens.size() + " members");
        }
        Map<Integer, Integer> winnersPerWish = new TreeMap<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Histogram winners = Results.Latency.histogram();
        Histogram losers = Results.Latency.histogram();
        List<UUID> wonWishes = new ArrayList<>();
        String firstUnexpected = null;
        int round = 0;
        for (UUID wish : wishes) {
            int first = round * contenders;
            // Different members each round, so no member's open-claims limit is what refuses a claim.
            Answer[] answers = Drive.atOnce(http, contenders,
                    i -> api.claimRequest(wish, memberTokens.get((first + i) % memberTokens.size())));
            int won = 0;
            for (Answer a : answers) {
                statuses.merge(a.status(), 1, Integer::sum);
                long nanos = a.answeredNanos() - a.sentNanos();
                if (a.status() == 201) {
                    won++;
                    winners.recordValue(nanos);
                    wonWishes.add(wish);
                } else {
                    losers.recordValue(nanos);
                    if (a.status() != 409 && firstUnexpected == null) {
                        firstUnexpected = a.status() + " " + a.body();
                    }
                }
            }
            winnersPerWish.merge(won, 1, Integer::sum);
            round++;
        }
        return new ContendedRun(contenders, wishes.size(), winnersPerWish, statuses, winners, losers, wonWishes,
                firstUnexpected);
    }

    private Answer claim(UUID wish, String token) {
        return Answer.send(http, api.claimRequest(wish, token));
    }
}
