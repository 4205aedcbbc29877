package cn.zhangzhou.partybuilding.benchmark;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import cn.zhangzhou.partybuilding.platform.ServiceClient;
import cn.zhangzhou.partybuilding.platform.ServiceClient.Response;

/**
 * The wishes REST API as the claim benchmark uses it: community staff post and publish wishes (the pool the
 * claims draw from) through the shared client, members claim them with prebuilt requests of the JDK client.
 */
final class WishesApi {

    private final ServiceClient staff;
    private final String base;
    private final UUID community;
    private final AtomicLong sequence = new AtomicLong();

    WishesApi(int port, String staffToken, UUID community) {
        this.staff = new ServiceClient("http://127.0.0.1:" + port, () -> staffToken);
        this.base = "http://127.0.0.1:" + port + "/api/v1";
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

    private UUID publishOne() {
        long n = sequence.incrementAndGet();
        Map<String, Object> wish = Map.of("communityId", community, "category", "DAILY_NECESSITIES",
                "description", "基准微心愿 " + n + "：一袋米和一桶油", "estimatedValueYuan", 120,
                "beneficiary", Map.of("name", "王秀兰", "phone", "+86 596 %07d".formatted(n % 10_000_000),
                        "address", "基准社区" + n + "号"));
        Response posted = staff.post("/wishes", wish, "bench-wish-" + n).requireSuccess("posting a wish");
        String id = posted.text("id");
        staff.post("/wishes/" + id + "/publish", Map.of("version", posted.body().path("version").asLong()),
                "bench-wish-" + n + "-publish").requireSuccess("publishing wish " + id);
        return UUID.fromString(id);
    }

    /** The measured request: a member claims (认领) the wish. 201 if this claim won, 409 if another did. */
    HttpRequest claimRequest(UUID wish, String memberToken) {
        return HttpRequest.newBuilder(URI.create(base + "/wishes/" + wish + "/claim"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + memberToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
    }
}
