package cn.zhangzhou.partybuilding.wishes.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.wishes.WishesEvents;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventTap;
import cn.zhangzhou.partybuilding.wishes.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.wishes.testing.RunningWishes;

/** Missed deadlines release the claim and put the wish back on the menu with priority. */
class DeadlineTest {

    private static final RunningWishes w = RunningWishes.get();
    private static final MembershipFeed feed = w.feed;

    @Test
    void missedContactAndFulfilmentDeadlinesReleaseWithPriority() {
        UUID community = feed.community();
        UUID lazy = feed.residentMember(community);
        UUID slow = feed.residentMember(community);
        String first = w.published(community);
        String second = w.published(community);
        String untouched = w.published(community);
        try (EventTap tap = EventTap.open(w.topic())) {
            assertThat(w.api.post("/api/v1/wishes/" + first + "/claim", w.member(lazy), null).status()).isEqualTo(201);
            assertThat(w.api.post("/api/v1/wishes/" + second + "/claim", w.member(slow), null).status())
                    .isEqualTo(201);
            assertThat(w.api.post("/api/v1/wishes/" + second + "/contacted", w.member(slow), null).status())
                    .isEqualTo(200);

            // Six days: nothing is due yet.
            w.clock.advance(Duration.ofDays(6));
            w.sweep();
            assertThat(w.wish(first, community).text("status")).isEqualTo("CLAIMED");

            // Past the 7-day contact deadline: the uncontacted claim is released, the contacted one stands.
            w.clock.advance(Duration.ofDays(2));
            w.sweep();
            Api.Response released = w.wish(first, community);
            assertThat(released.text("status")).isEqualTo("PUBLISHED");
            assertThat(released.body().path("priority").asBoolean()).isTrue();
            assertThat(w.wish(second, community).text("status")).isEqualTo("CONTACTED");
            assertThat(w.rows("claim where wish_id = '" + first + "' and status = 'RELEASED' "
                    + "and missed_deadline = 'CONTACT'")).isEqualTo(1);
            var event = tap.awaitType(WishesEvents.WISH_RELEASED.ceType(), first);
            assertThat(EventTap.payload(event)).contains("CONTACT_DEADLINE_MISSED").contains("\"priority\":true");

            // Released wishes come first on the menu.
            Api.Response menu = w.api.get("/api/v1/wishes?communityId=" + community, w.member(lazy));
            assertThat(menu.body().path("items").get(0).path("id").asString()).isEqualTo(first);
            assertThat(menu.body().path("totalItems").asLong()).isEqualTo(2);
            assertThat(menu.raw()).contains(untouched);

            // Past the 30-day fulfilment deadline after contact.
            w.clock.advance(Duration.ofDays(31));
            w.sweep();
            assertThat(w.wish(second, community).text("status")).isEqualTo("PUBLISHED");
            assertThat(w.rows("claim where wish_id = '" + second + "' and missed_deadline = 'FULFILMENT'"))
                    .isEqualTo(1);
            tap.awaitType(WishesEvents.WISH_RELEASED.ceType(), second);

            // The released claim is no longer the claimer's: a late contact is refused.
            assertThat(w.api.post("/api/v1/wishes/" + first + "/contacted", w.member(lazy), null).status())
                    .isEqualTo(409);
            // The history shows the release with its reason.
            Api.Response history = w.api.get("/api/v1/wishes/" + first + "/history", w.staff(community));
            assertThat(history.body().findValuesAsString("reason")).contains("CONTACT_DEADLINE_MISSED");
            // Someone else may claim it now.
            assertThat(w.api.post("/api/v1/wishes/" + first + "/claim", w.member(slow), null).status())
                    .isEqualTo(201);
            assertThat(w.wish(first, community).body().path("priority").asBoolean()).isFalse();
        }
    }
}
