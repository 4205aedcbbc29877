package cn.zhangzhou.partybuilding.wishes.wish;

import static cn.zhangzhou.partybuilding.wishes.testing.RunningWishes.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.wishes.WishesEvents;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventTap;
import cn.zhangzhou.partybuilding.wishes.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.wishes.testing.RunningWishes;

/** A claimer gives up (放弃认领): the wish goes back to the menu with priority; only the claimer may, and not after fulfilling. */
class ClaimerWithdrawsTest {

    private static final RunningWishes w = RunningWishes.get();
    private static final MembershipFeed feed = w.feed;

    @Test
    void claimerGivesUpAndTheWishReturnsWithPriority() {
        UUID community = feed.community();
        UUID claimer = feed.residentMember(community);
        UUID other = feed.residentMember(community);
        String id = w.published(community);
        Api.Response claim = require(w.api.post("/api/v1/wishes/" + id + "/claim", w.member(claimer), null),
                201);
        require(w.api.post("/api/v1/wishes/" + id + "/contacted", w.member(claimer), null), 200);

        // Someone else, or staff, cannot give up the claimer's claim.
        assertThat(w.api.post("/api/v1/wishes/" + id + "/claim/withdraw", w.member(other), null).status())
                .isEqualTo(403);
        assertThat(w.api.post("/api/v1/wishes/" + id + "/claim/withdraw", w.staff(community), null).status())
                .isEqualTo(403);
        assertThat(w.wish(id, community).text("status")).isEqualTo("CONTACTED");

        try (EventTap tap = EventTap.open(w.topic())) {
            Api.Response withdrawn = w.api.post("/api/v1/wishes/" + id + "/claim/withdraw", w.member(claimer), null);
            assertThat(withdrawn.status()).isEqualTo(200);
            assertThat(withdrawn.text("status")).isEqualTo("RELEASED");
            assertThat(withdrawn.text("releaseReason")).isEqualTo("CLAIMER_WITHDREW");
            assertThat(withdrawn.text("missedDeadline")).isNull();
            var event = tap.awaitType(WishesEvents.WISH_RELEASED.ceType(), id);
            assertThat(EventTap.payload(event)).contains("CLAIMER_WITHDREW").contains(claim.id())
                    .contains("\"priority\":true");
        }
        Api.Response wish = w.wish(id, community);
        assertThat(wish.text("status")).isEqualTo("PUBLISHED");
        assertThat(wish.body().path("priority").asBoolean()).isTrue();
        assertThat(w.rows("claim where id = '" + claim.id() + "' and status = 'RELEASED' "
                + "and release_reason = 'CLAIMER_WITHDREW' and missed_deadline is null")).isEqualTo(1);
        assertThat(w.api.get("/api/v1/wishes/" + id + "/history", w.staff(community)).body()
                .findValuesAsString("reason")).contains("CLAIMER_WITHDREW");
        // My claims shows it given up, no deadline missed.
        var mine = w.api.get("/api/v1/claims/mine?status=RELEASED", w.member(claimer)).body().path("items").get(0);
        assertThat(mine.path("releaseReason").asString()).isEqualTo("CLAIMER_WITHDREW");
        assertThat(mine.path("missedContactDeadline").asBoolean()).isFalse();
        // Giving up twice: no claim stands any more.
        assertThat(w.api.post("/api/v1/wishes/" + id + "/claim/withdraw", w.member(claimer), null).status())
                .isEqualTo(409);
        // Someone else claims it; the priority goes.
        require(w.api.post("/api/v1/wishes/" + id + "/claim", w.member(other), null), 201);
        assertThat(w.wish(id, community).body().path("priority").asBoolean()).isFalse();
    }

    @Test
    void aFulfilledWishCannotBeGivenUp() {
        UUID community = feed.community();
        UUID claimer = feed.residentMember(community);
        String id = w.published(community);
        require(w.api.post("/api/v1/wishes/" + id + "/claim", w.member(claimer), null), 201);
        require(w.api.post("/api/v1/wishes/" + id + "/contacted", w.member(claimer), null), 200);
        require(w.api.post("/api/v1/wishes/" + id + "/fulfilment", w.member(claimer),
                Map.of("note", "送到了")), 200);
        Api.Response refused = w.api.post("/api/v1/wishes/" + id + "/claim/withdraw", w.member(claimer), null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.raw()).contains("FULFILLED");
        assertThat(w.wish(id, community).text("status")).isEqualTo("FULFILLED");
        assertThat(w.rows("claim where wish_id = '" + id + "' and status = 'FULFILLED'")).isEqualTo(1);
    }
}
