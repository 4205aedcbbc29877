package cn.zhangzhou.partybuilding.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wishes REST API as the claim benchmark uses it: community staff post and publish wishes (the pool the
 * claims draw from), members claim them.
 */
final class WishesApi {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final String base;
    private final String staffBearer;
    private final UUID community;
    private final AtomicLong sequence = new AtomicLong();

    WishesApi(HttpClient http, int port, String staffToken, UUID community) {
        this.http = http;
        this.base = "http://127.0.0.1:" + port + "/api/v1";
        this.staffBearer = "Bearer " + staffToken;
        this.community = community;
    }

    /**
     * Posts and publishes {@code count} wishes with {@code threads} parallel clients and adds their ids to the
     * pool. Setup, not measured.
     */
    void publishWishes(int count, int threads, ConcurrentLinkedQueue<UUID> pool) throws InterruptedException {
        AtomicLong left = new AtomicLong(count);
        List<Thread> workers = new ArrayList<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    while (left.getAndDecrement() > 0 && failure.get() == null) {
                        pool.add(publishOne());
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "publisher-" + i);
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            t.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private UUID publishOne() throws InterruptedException {
        long n = sequence.incrementAndGet();
        String body = """
                {"communityId":"%s","category":"DAILY_NECESSITIES","description":"基准微心愿 %d：一袋米和一桶油",\
                "estimatedValueYuan":120,"beneficiary":{"name":"王秀兰","phone":"+86 596 %07d","address":"基准社区%d号"}}"""
                .formatted(community, n, n % 10_000_000, n);
        JsonNode posted = send(post("/wishes", body, staffBearer), 201, "posting a wish");
        UUID id = UUID.fromString(posted.get("id").asString());
        send(post("/wishes/" + id + "/publish", "{\"version\":" + posted.get("version").asLong() + "}", staffBearer),
                200, "publishing wish " + id);
        return id;
    }

    /** The measured request: a member claims (认领) the wish. 201 if this claim won, 409 if another did. */
    HttpRequest claimRequest(UUID wish, String memberToken) {
        return post("/wishes/" + wish + "/claim", "", "Bearer " + memberToken);
    }

    private JsonNode send(HttpRequest request, int expected, String what) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(what + " answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(what + " failed: " + e, e);
        }
    }

    private HttpRequest post(String path, String json, String bearer) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .POST(json.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
    }
}
