package cn.zhangzhou.partybuilding.membership.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.RepeatedTest;

import cn.zhangzhou.partybuilding.testing.Api.Response;
import cn.zhangzhou.partybuilding.membership.testing.Fixtures;
import cn.zhangzhou.partybuilding.membership.testing.RunningDistrict;

/** Two conflicting updates at once: one wins, the other gets 409, nothing is lost silently. */
class ConcurrentUpdateTest {

    private final RunningDistrict xc = RunningDistrict.xiangcheng();
    private final Fixtures fx = new Fixtures(xc);

    @RepeatedTest(3)
    void exactlyOneOfTwoConcurrentRenamesWins() throws Exception {
        String street = fx.street();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<Response>> calls = new ArrayList<>();
            for (String name : List.of("甲", "乙")) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return xc.api.post("/api/v1/organisations/" + street + "/rename", xc.admin(),
                            Map.of("name", name, "version", 1));
                }, pool));
            }
            start.countDown();
            List<Response> responses = calls.stream().map(CompletableFuture::join).toList();
            assertThat(responses).extracting(Response::status).containsExactlyInAnyOrder(200, 409);
            Response winner = responses.stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
            Response stored = xc.api.get("/api/v1/organisations/" + street, xc.admin());
            assertThat(stored.text("name")).isEqualTo(winner.text("name"));
            assertThat(stored.version()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
