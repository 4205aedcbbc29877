package cn.zhangzhou.partybuilding.wishes.deadline;

import static cn.zhangzhou.partybuilding.wishes.testing.RunningWishes.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.wishes.WishesEvents;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventTap;
import cn.zhangzhou.partybuilding.wishes.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.wishes.testing.RunningWishes;

/**
 * Rounds (轮次): a wish still unclaimed 90 days (zz.wishes.round-length) after it entered the menu expires
 * (到期未认领); entering the menu again after a release starts a new round.
 */
class RoundExpiryTest {

    private static final RunningWishes w = RunningWishes.get();
    private static final MembershipFeed feed = w.feed;

    @Test
    void anUnclaimedWishExpiresAtTheEndOfItsRoundAndLeavesTheMenu() {
        UUID community = feed.community();
        UUID member = feed.residentMember(community);
        Instant start = w.clock.instant();
        String old = w.published(community);
        Api.Response published = w.wish(old, community);
        assertThat(published.body().path("round").asInt()).isEqualTo(1);
        assertThat(Instant.parse(published.text("roundEndsAt"))).isEqualTo(
                Instant.parse(published.text("publishedAt")).plus(Duration.ofDays(90)));
        String posted = w.posted(community).id();

        w.clock.advance(Duration.ofDays(60));
        String younger = w.published(community);
        w.clock.advance(Duration.ofDays(29));
        w.sweep();
        assertThat(w.wish(old, community).text("status")).isEqualTo("PUBLISHED");

        try (EventTap tap = EventTap.open(w.topic())) {
            w.clock.advance(Duration.ofDays(1).plusMinutes(1));
            w.sweep();
            assertThat(w.wish(old, community).text("status")).isEqualTo("EXPIRED");
            String payload = EventTap.payload(tap.awaitType(WishesEvents.WISH_EXPIRED.ceType(), old));
            assertThat(payload).contains("\"round\":1").contains(community.toString());
        }
        // The younger wish's round runs on; a wish never published has no round to end.
        assertThat(w.wish(younger, community).text("status")).isEqualTo("PUBLISHED");
        assertThat(w.wish(posted, community).text("status")).isEqualTo("POSTED");
        // A second sweep finds nothing more of this community to expire.
        assertThat(w.rows("wish_transition where wish_id = '" + old + "' and transition = 'EXPIRE'")).isEqualTo(1);
        w.sweep();
        assertThat(w.rows("wish_transition where wish_id = '" + old + "' and transition = 'EXPIRE'")).isEqualTo(1);

        Api.Response history = w.api.get("/api/v1/wishes/" + old + "/history", w.staff(community));
        assertThat(history.body().findValuesAsString("to")).last().isEqualTo("EXPIRED");
        assertThat(history.body().findValuesAsString("reason")).anyMatch(r -> r.contains("round 1 ended"));

        // Off the menu, not claimable, still visible to staff by status.
        Api.Response menu = w.api.get("/api/v1/wishes?communityId=" + community, w.member(member));
        assertThat(menu.raw()).doesNotContain(old).contains(younger);
        assertThat(w.api.get("/api/v1/wishes?communityId=" + community + "&status=EXPIRED", w.staff(community))
                .body().path("totalItems").asLong()).isEqualTo(1);
        assertThat(w.api.post("/api/v1/wishes/" + old + "/claim", w.member(member), null).status()).isEqualTo(409);
        assertThat(w.api.get("/api/v1/wishes/" + old, w.member(member)).status()).isEqualTo(404);

        // The yearly report counts it in the year it expired.
        int year = w.clock.instant().atZone(ZoneId.of("Asia/Shanghai")).getYear();
        Api.Response report = w.api.get("/api/v1/reports/wishes?organisationId=" + community + "&year=" + year,
                w.staff(community));
        assertThat(report.body().path("expired").asLong()).isEqualTo(1);
        assertThat(start).isBefore(w.clock.instant());
    }

    @Test
    void aReleasedWishStartsANewRound() {
        UUID community = feed.community();
        UUID member = feed.residentMember(community);
        String id = w.published(community);
        w.clock.advance(Duration.ofDays(80));
        require(w.api.post("/api/v1/wishes/" + id + "/claim", w.member(member), null), 201);
        // Claimed wishes do not expire, whatever their round.
        w.clock.advance(Duration.ofDays(5));
        w.sweep();
        assertThat(w.wish(id, community).text("status")).isEqualTo("CLAIMED");
        require(w.api.post("/api/v1/wishes/" + id + "/claim/withdraw", w.member(member), null), 200);
        Api.Response back = w.wish(id, community);
        assertThat(back.text("status")).isEqualTo("PUBLISHED");
        assertThat(back.body().path("round").asInt()).isEqualTo(2);

        // Past the first round's end (day 90) the released wish stays on the menu.
        w.clock.advance(Duration.ofDays(10));
        w.sweep();
        assertThat(w.wish(id, community).text("status")).isEqualTo("PUBLISHED");
        // Its second round ends 90 days after the release.
        w.clock.advance(Duration.ofDays(81));
        assertThat(w.expire()).isGreaterThanOrEqualTo(1);
        assertThat(w.wish(id, community).text("status")).isEqualTo("EXPIRED");
        assertThat(w.rows("wish_transition where wish_id = '" + id + "' and transition = 'EXPIRE' "
                + "and reason like 'round 2 ended%'")).isEqualTo(1);
    }

    @Test
    void aWithdrawnWishDoesNotExpire() {
        UUID community = feed.community();
        Api.Response posted = w.posted(community);
        Api.Response published = require(w.api.post("/api/v1/wishes/" + posted.id() + "/publish",
                w.staff(community), Map.of("version", posted.version())), 200);
        require(w.api.post("/api/v1/wishes/" + posted.id() + "/withdraw", w.staff(community),
                Map.of("version", published.version(), "reason", "已自行解决")), 200);
        w.clock.advance(Duration.ofDays(91));
        w.sweep();
        assertThat(w.wish(posted.id(), community).text("status")).isEqualTo("WITHDRAWN");
    }
}
