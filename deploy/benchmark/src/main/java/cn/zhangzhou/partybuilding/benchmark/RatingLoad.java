package cn.zhangzhou.partybuilding.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.function.Function;

import org.HdrHistogram.Histogram;

import cn.zhangzhou.partybuilding.platform.ServiceClient;

/**
 * Drives the evaluation service's rating paths on one round: residents' ratings with one-time codes
 * (POST /resident-ratings, no token) and members' ratings (POST /rounds/{id}/member-ratings, each member's own token).
 * Spread: N clients, each sending the next code or member of a pool as soon as its previous request was answered, every
 * one a first rating (204). Duplicates: each code or member sent by several clients at the same instant, and again
 * afterwards — exactly one counted (204), every other refused (409).
 */
final class RatingLoad {

    /** What a spread run produced; {@code exhausted} if the pool ran dry before the end. */
    record Run(String path, int clients, long startNanos, long endNanos, Histogram nanos, long errors,
               String firstError, boolean exhausted) {
        double perSecond() {
            return nanos.getTotalCount() / ((endNanos - startNanos) / 1e9);
        }
    }

    /** Sent {@code senders} times each at once: how many were counted (204), refused (409), and anything else. */
    record Duplicates(String path, int raters, int senders, long counted, long refused, String firstUnexpected) {
    }

    private final HttpClient http;
    private final String base;
    private final ServiceClient admin;
    private final UUID round;
    private final UUID community;
    private final List<String> memberTokens;

    RatingLoad(HttpClient http, int port, String adminToken, UUID round, UUID community, List<String> memberTokens) {
        this.http = http;
        this.base = "http://127.0.0.1:" + port + "/api/v1";
        this.admin = new ServiceClient("http://127.0.0.1:" + port, () -> adminToken);
        this.round = round;
        this.community = community;
        this.memberTokens = List.copyOf(memberTokens);
    }

    /** {@code count} residents' codes of the community, issued by the service 500 at a time. */
    List<String> issueCodes(int count) {
        List<String> codes = new ArrayList<>();
        while (codes.size() < count) {
            int n = Math.min(500, count - codes.size());
            admin.post("/rounds/" + round + "/resident-codes", Map.of("communityId", community, "count", n), null)
                    .requireSuccess("issue residents' codes").body().path("codes").forEach(c -> codes.add(c.asString()));
        }
        return codes;
    }

    Run residents(int clients, Duration duration, Queue<String> codes) throws InterruptedException {
        return spread("resident rating", clients, duration, codes, this::residentRating);
    }

    /** Members' ratings from a pool of indexes into the member tokens. */
    Run members(int clients, Duration duration, Queue<Integer> members) throws InterruptedException {
        return spread("member rating", clients, duration, members, this::memberRating);
    }

    /** Each used code sent again by {@code senders} clients at once. */
    Duplicates residentsAgain(List<String> codes, int senders) throws InterruptedException {
        return duplicates("resident rating", codes, senders, this::residentRating);
    }

    Duplicates membersAgain(List<Integer> members, int senders) throws InterruptedException {
        return duplicates("member rating", members, senders, this::memberRating);
    }

    private HttpRequest residentRating(String code) {
        return post("/resident-ratings", null, "{\"code\":\"" + code + "\",\"score\":" + score(code.hashCode()) + "}");
    }

    private HttpRequest memberRating(Integer member) {
        return post("/rounds/" + round + "/member-ratings", memberTokens.get(member),
                "{\"organisationId\":\"" + community + "\",\"score\":" + score(member) + "}");
    }

    private static int score(int seed) {
        return 60 + Math.floorMod(seed, 41);
    }

    private <T> Run spread(String path, int clients, Duration duration, Queue<T> pool,
                           Function<T, HttpRequest> request) throws InterruptedException {
        Histogram nanos = Results.Latency.histogram();
        Drive.Failures failures = new Drive.Failures();
        long start = System.nanoTime();
        long last = Drive.closedLoop(clients, duration, "rater", client -> () -> {
            T next = pool.poll();
            if (next == null) {
                return false;
            }
            Answer a = Answer.send(http, request.apply(next));
            if (a.status() == 204) {
                synchronized (nanos) {
                    nanos.recordValue(a.answeredNanos() - a.sentNanos());
                }
            } else {
                failures.add(a.status() + " " + a.body());
            }
            return true;
        });
        return new Run(path, clients, start, last, nanos, failures.count(), failures.first(),
                pool.isEmpty() && last < start + duration.toNanos());
    }

    private <T> Duplicates duplicates(String path, List<T> raters, int senders,
                                      Function<T, HttpRequest> request) throws InterruptedException {
        long counted = 0;
        long refused = 0;
        String unexpected = null;
        for (T rater : raters) {
            HttpRequest r = request.apply(rater);
            for (Answer a : Drive.atOnce(http, senders, i -> r)) {
                if (a.status() == 204) {
                    counted++;
                } else if (a.status() == 409) {
                    refused++;
                } else if (unexpected == null) {
                    unexpected = a.status() + " " + a.body();
                }
            }
        }
        return new Duplicates(path, raters.size(), senders, counted, refused, unexpected);
    }

    private HttpRequest post(String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }
}
