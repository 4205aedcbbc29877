package cn.zhangzhou.partybuilding.wishes.wish;

import static cn.zhangzhou.partybuilding.wishes.testing.RunningWishes.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.wishes.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.wishes.testing.RunningWishes;
import tools.jackson.databind.JsonNode;

/** 我的认领: a member's own claims, and staff's view of a member's claims inside their scope. */
class MyClaimsTest {

    private static final RunningWishes w = RunningWishes.get();
    private static final MembershipFeed feed = w.feed;

    @Test
    void memberSeesOwnClaimsWithDeadlinesAndMissesStaffOnlyInScope() {
        UUID here = feed.community();
        UUID there = feed.community();
        UUID member = feed.residentMember(here);
        feed.acceptReport(member, there);
        UUID other = feed.residentMember(here);

        String done = w.published(here);
        require(w.api.post("/api/v1/wishes/" + done + "/claim", w.member(member), null), 201);
        require(w.api.post("/api/v1/wishes/" + done + "/contacted", w.member(member), null), 200);
        require(w.api.post("/api/v1/wishes/" + done + "/fulfilment", w.member(member),
                Map.of("note", "送到了")), 200);
        w.clock.advance(Duration.ofMinutes(1));
        String missed = w.published(here);
        require(w.api.post("/api/v1/wishes/" + missed + "/claim", w.member(member), null), 201);
        w.clock.advance(Duration.ofDays(8));
        w.sweep();
        String open = w.published(there);
        require(w.api.post("/api/v1/wishes/" + open + "/claim", w.member(member), null), 201);

        Api.Response mine = w.api.get("/api/v1/claims/mine", w.member(member));
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body().path("totalItems").asLong()).isEqualTo(3);
        List<String> wishIds = mine.body().path("items").findValuesAsString("wishId");
        assertThat(wishIds).containsExactly(open, missed, done);
        JsonNode newest = mine.body().path("items").get(0);
        assertThat(newest.path("communityId").asString()).isEqualTo(there.toString());
        assertThat(newest.path("status").asString()).isEqualTo("OPEN");
        assertThat(newest.path("contactDeadline").asString()).isNotBlank();
        assertThat(newest.path("missedContactDeadline").asBoolean()).isFalse();
        JsonNode released = mine.body().path("items").get(1);
        assertThat(released.path("status").asString()).isEqualTo("RELEASED");
        assertThat(released.path("missedContactDeadline").asBoolean()).isTrue();
        assertThat(released.path("missedFulfilmentDeadline").asBoolean()).isFalse();
        assertThat(released.path("releaseReason").asString()).isEqualTo("CONTACT_DEADLINE_MISSED");
        JsonNode fulfilled = mine.body().path("items").get(2);
        assertThat(fulfilled.path("status").asString()).isEqualTo("FULFILLED");
        assertThat(fulfilled.path("fulfilmentDeadline").asString()).isNotBlank();
        assertThat(fulfilled.path("fulfilledAt").asString()).isNotBlank();
        // No personal data of the beneficiary in the list.
        assertThat(mine.raw()).doesNotContain("王秀英").doesNotContain("13800001111");

        // Filter and paging.
        Api.Response onlyReleased = w.api.get("/api/v1/claims/mine?status=RELEASED", w.member(member));
        assertThat(onlyReleased.body().path("items").findValuesAsString("wishId")).containsExactly(missed);
        Api.Response page1 = w.api.get("/api/v1/claims/mine?page=1&size=2", w.member(member));
        assertThat(page1.body().path("items").findValuesAsString("wishId")).containsExactly(done);
        assertThat(page1.body().path("totalPages").asLong()).isEqualTo(2);
        assertThat(w.api.get("/api/v1/claims/mine?status=LOST", w.member(member)).status()).isEqualTo(400);
        assertThat(w.api.get("/api/v1/claims/mine?size=0", w.member(member)).status()).isEqualTo(400);

        // Another member sees none of them; staff have no "mine".
        assertThat(w.api.get("/api/v1/claims/mine", w.member(other)).body().path("totalItems").asLong()).isZero();
        assertThat(w.api.get("/api/v1/claims/mine", w.staff(here)).status()).isEqualTo(403);

        // Staff see the member's claims on wishes of their own community only; the district admin all.
        Api.Response hereStaff = w.api.get("/api/v1/claims?memberId=" + member, w.staff(here));
        assertThat(hereStaff.status()).isEqualTo(200);
        assertThat(hereStaff.body().path("items").findValuesAsString("wishId")).containsExactly(missed, done);
        Api.Response thereStaff = w.api.get("/api/v1/claims?memberId=" + member, w.staff(there));
        assertThat(thereStaff.body().path("items").findValuesAsString("wishId")).containsExactly(open);
        Api.Response admin = w.api.get("/api/v1/claims?memberId=" + member + "&status=OPEN", w.admin());
        assertThat(admin.body().path("items").findValuesAsString("wishId")).containsExactly(open);
        assertThat(w.api.get("/api/v1/claims?memberId=" + member, w.staff(feed.community())).body()
                .path("totalItems").asLong()).isZero();
        // A member may not look at someone else's claims, nor anyone without a token.
        assertThat(w.api.get("/api/v1/claims?memberId=" + member, w.member(other)).status()).isEqualTo(403);
        assertThat(w.api.get("/api/v1/claims?memberId=" + member, null).status()).isEqualTo(401);
    }
}
