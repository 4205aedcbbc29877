package cn.zhangzhou.partybuilding.benchmark;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;

import org.HdrHistogram.Histogram;

import cn.zhangzhou.partybuilding.platform.ServiceClient;

/**
 * Drives the volunteering sign-up and check-in paths. Spread: N clients, each sending the next (activity, member)
 * of a pool as soon as its previous request was answered: every sign-up takes a place on an activity with room,
 * every check-in is a member's first on an activity they hold a place on. Last places: rounds of one activity
 * with few places signed up to by many members at the same instant (exactly the capacity confirmed, the rest on
 * the waiting list, positions 1, 2, … with nobody lost).
 */
final class SignUpLoad {

    /** One member (index into the tokens) on one activity. */
    record Pair(UUID activity, int member) {
    }

    /** What a spread run produced; {@code exhausted} if the pool ran dry before the end. */
    record SpreadRun(int clients, long startNanos, long endNanos, long ok, Histogram nanos, long errors,
                     String firstError, boolean exhausted) {
        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        double perSecond() {
            return ok / seconds();
        }
    }

    /** A round of last places: how many were confirmed, how the waiting list was numbered, and the latencies. */
    record LastPlacesRun(int contenders, int places, int rounds, Map<Integer, Integer> confirmedPerActivity,
                         int roundsWithAContiguousWaitingList, Histogram confirmedNanos, Histogram waitingNanos,
                         String firstUnexpected) {
    }

    private final HttpClient http;
    private final VolunteeringApi api;
    private final List<String> memberTokens;

    SignUpLoad(HttpClient http, VolunteeringApi api, List<String> memberTokens) {
        this.http = http;
        this.api = api;
        this.memberTokens = List.copyOf(memberTokens);
    }

    /** Sign-ups from the pool; every confirmed one goes to {@code confirmed} (the check-ins' pool). */
    SpreadRun signUps(int clients, Duration duration, Queue<Pair> pool, Queue<Pair> confirmed)
            throws InterruptedException {
        return spread(clients, duration, pool, (pair, token) -> api.signUpRequest(pair.activity(), token), 201,
                confirmed);
    }

    /** First check-ins of members holding a place; a code that rotated in flight is read again and the check-in repeated. */
    SpreadRun checkIns(int clients, Duration duration, Queue<Pair> pool) throws InterruptedException {
        return spread(clients, duration, pool, (pair, token) -> api.checkInRequest(pair.activity(), token), 201,
                new ConcurrentLinkedQueue<>());
    }

    private SpreadRun spread(int clients, Duration duration, Queue<Pair> pool,
                             BiFunction<Pair, String, HttpRequest> request, int expected, Queue<Pair> done)
            throws InterruptedException {
        Histogram nanos = Results.Latency.histogram();
        Drive.Failures failures = new Drive.Failures();
        long start = System.nanoTime();
        long last = Drive.closedLoop(clients, duration, "volunteer", client -> () -> {
            Pair pair = pool.poll();
            if (pair == null) {
                return false;
            }
            String token = memberTokens.get(pair.member());
            Answer a = send(request.apply(pair, token));
            if (a.status() == 422 && a.body().contains("code")) {
                api.forgetCode(pair.activity());
                a = send(request.apply(pair, token));
            }
            if (a.status() == expected) {
                synchronized (nanos) {
                    nanos.recordValue(a.answeredNanos() - a.sentNanos());
                }
                done.add(pair);
            } else {
                failures.add(a.status() + " " + a.body());
            }
            return true;
        });
        return new SpreadRun(clients, start, last, nanos.getTotalCount(), nanos, failures.count(), failures.first(),
                pool.isEmpty() && last < start + duration.toNanos());
    }

    /** Each activity (with {@code places} places, none taken) signed up to by {@code contenders} members at once. */
    LastPlacesRun lastPlaces(int contenders, int places, List<UUID> activities) throws InterruptedException {
        if (contenders > memberTokens.size()) {
            throw new IllegalArgumentException(contenders + " contenders but only " + memberTokens.size() + " members");
        }
        Map<Integer, Integer> confirmedPerActivity = new TreeMap<>();
        Histogram confirmedNanos = Results.Latency.histogram();
        Histogram waitingNanos = Results.Latency.histogram();
        int contiguous = 0;
        String firstUnexpected = null;
        for (UUID activity : activities) {
            Answer[] answers = Drive.atOnce(http, contenders, i -> api.signUpRequest(activity, memberTokens.get(i)));
            int confirmed = 0;
            List<Integer> positions = new ArrayList<>();
            for (Answer a : answers) {
                String status = a.status() == 201 ? ServiceClient.JSON.readTree(a.body()).path("status").asString() : "";
                if ("CONFIRMED".equals(status)) {
                    confirmed++;
                    confirmedNanos.recordValue(a.answeredNanos() - a.sentNanos());
                } else if ("WAITING".equals(status)) {
                    positions.add(ServiceClient.JSON.readTree(a.body()).path("waitingPosition").asInt());
                    waitingNanos.recordValue(a.answeredNanos() - a.sentNanos());
                } else if (firstUnexpected == null) {
                    firstUnexpected = a.status() + " " + a.body();
                }
            }
            confirmedPerActivity.merge(confirmed, 1, Integer::sum);
            List<Integer> sorted = positions.stream().sorted().toList();
            boolean numbered = true;
            for (int i = 0; i < sorted.size(); i++) {
                numbered &= sorted.get(i) == i + 1;
            }
            if (numbered && positions.size() == contenders - places) {
                contiguous++;
            }
        }
        return new LastPlacesRun(contenders, places, activities.size(), confirmedPerActivity, contiguous,
                confirmedNanos, waitingNanos, firstUnexpected);
    }

    private Answer send(HttpRequest request) {
        return Answer.send(http, request);
    }
}
