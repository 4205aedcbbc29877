package cn.zhangzhou.partybuilding.wishes.wish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.wishes.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.wishes.testing.RunningWishes;

/** Claiming (认领): one winner under real concurrency, eligibility, the open-claims limit, contact to the claimer only. */
class ClaimTest {

    private static final RunningWishes w = RunningWishes.get();
    private static final MembershipFeed feed = w.feed;

    @Test
    void sixteenParallelClaimsOneWins() throws Exception {
        UUID community = feed.community();
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            members.add(i % 2 == 0 ? feed.residentMember(community) : feed.reportedMember(community));
        }
        String id = w.published(community);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (UUID m : members) {
                results.add(pool.submit(() -> {
                    start.await();
                    return w.api.post("/api/v1/wishes/" + id + "/claim", w.member(m), null).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(15);
        } finally {
            pool.shutdownNow();
        }
        assertThat(w.rows("claim where wish_id = '" + id + "'")).isEqualTo(1);
        assertThat(w.wish(id, community).text("status")).isEqualTo("CLAIMED");
    }

    @Test
    void openClaimsLimitIs422() {
        UUID community = feed.community();
        UUID member = feed.residentMember(community);
        for (int i = 0; i < 3; i++) {
            assertThat(w.api.post("/api/v1/wishes/" + w.published(community) + "/claim", w.member(member), null)
                    .status()).isEqualTo(201);
        }
        String fourth = w.published(community);
        Api.Response refused = w.api.post("/api/v1/wishes/" + fourth + "/claim", w.member(member), null);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.isProblem()).isTrue();
        assertThat(w.wish(fourth, community).text("status")).isEqualTo("PUBLISHED");
        assertThat(w.rows("claim where wish_id = '" + fourth + "'")).isZero();
    }

    @Test
    void memberNotEligibleIs403AndNothingChanges() {
        UUID community = feed.community();
        UUID elsewhere = feed.residentMember(feed.community());
        String id = w.published(community);
        Api.Response refused = w.api.post("/api/v1/wishes/" + id + "/claim", w.member(elsewhere), null);
        assertThat(refused.status()).isEqualTo(403);
        // A member the directory never heard of.
        assertThat(w.api.post("/api/v1/wishes/" + id + "/claim", w.member(UUID.randomUUID()), null).status())
                .isEqualTo(403);
        // Staff cannot claim as members.
        assertThat(w.api.post("/api/v1/wishes/" + id + "/claim", w.staff(community), null).status()).isEqualTo(403);
        assertThat(w.wish(id, community).text("status")).isEqualTo("PUBLISHED");
        assertThat(w.rows("claim where wish_id = '" + id + "'")).isZero();
    }

    @Test
    void contactGoesToTheClaimerOnly() {
        UUID community = feed.community();
        UUID claimer = feed.residentMember(community);
        UUID other = feed.residentMember(community);
        String id = w.published(community);
        assertThat(w.api.get("/api/v1/wishes/" + id + "/contact", w.member(claimer)).status()).isEqualTo(409);
        assertThat(w.api.post("/api/v1/wishes/" + id + "/claim", w.member(claimer), null).status()).isEqualTo(201);
        Api.Response denied = w.api.get("/api/v1/wishes/" + id + "/contact", w.member(other));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.raw()).doesNotContain("13800001111");
        assertThat(w.api.post("/api/v1/wishes/" + id + "/contacted", w.member(other), null).status()).isEqualTo(403);
        assertThat(w.rows("contact_reveal where wish_id = '" + id + "'")).isZero();
        assertThat(w.wish(id, community).text("status")).isEqualTo("CLAIMED");
    }
}
