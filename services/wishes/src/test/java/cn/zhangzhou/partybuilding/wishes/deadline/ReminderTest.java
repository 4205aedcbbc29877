package cn.zhangzhou.partybuilding.wishes.deadline;

import static cn.zhangzhou.partybuilding.wishes.testing.RunningWishes.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.wishes.WishesEvents;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventTap;
import cn.zhangzhou.partybuilding.wishes.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.wishes.testing.RunningWishes;

/** Reminders (提醒): one WishReminderDue per claim and deadline kind, a day before the deadline, never repeated. */
class ReminderTest {

    private static final RunningWishes w = RunningWishes.get();
    private static final MembershipFeed feed = w.feed;

    @Test
    void oneReminderPerDeadlineADayBefore() {
        UUID community = feed.community();
        UUID member = feed.residentMember(community);
        String id = w.published(community);
        try (EventTap tap = EventTap.open(w.topic())) {
            Api.Response claim = require(w.api.post("/api/v1/wishes/" + id + "/claim", w.member(member),
                    null), 201);
            String claimId = claim.id();
            Instant contactDeadline = Instant.parse(claim.text("contactDeadline"));
            String reminders = "claim_reminder where claim_id = '" + claimId + "'";

            // Five days after the claim: the contact deadline is two days away, no reminder yet.
            w.clock.advance(Duration.ofDays(5));
            w.sweep();
            assertThat(w.rows(reminders)).isZero();

            // Just inside the last day: one reminder for the contact deadline.
            w.clock.advance(Duration.ofDays(1).plusMinutes(1));
            w.sweep();
            assertThat(w.rows(reminders + " and deadline_kind = 'CONTACT'")).isEqualTo(1);
            var contact = tap.awaitType(WishesEvents.WISH_REMINDER_DUE.ceType(), id);
            assertThat(EventTap.payload(contact)).contains(claimId).contains("\"deadlineKind\":\"CONTACT\"")
                    .contains(contactDeadline.toString().substring(0, 16));
            // A second sweep in the same day sends nothing more.
            w.sweep();
            assertThat(w.rows(reminders)).isEqualTo(1);

            // Contact made: the fulfilment deadline is 30 days on; its reminder comes a day before it.
            require(w.api.post("/api/v1/wishes/" + id + "/contacted", w.member(member), null), 200);
            w.clock.advance(Duration.ofDays(28));
            w.sweep();
            assertThat(w.rows(reminders + " and deadline_kind = 'FULFILMENT'")).isZero();
            w.clock.advance(Duration.ofDays(1).plusMinutes(1));
            w.sweep();
            w.sweep();
            assertThat(w.rows(reminders + " and deadline_kind = 'FULFILMENT'")).isEqualTo(1);
            tap.await(r -> WishesEvents.WISH_REMINDER_DUE.ceType().equals(EventTap.type(r)) && id.equals(r.key())
                    && EventTap.payload(r).contains("FULFILMENT"));
            // Still standing, not released: the deadline has not passed.
            assertThat(w.wish(id, community).text("status")).isEqualTo("CONTACTED");

            // A later event of the wish arrives after any duplicate would have: exactly two reminders were sent.
            require(w.api.post("/api/v1/wishes/" + id + "/fulfilment", w.member(member),
                    java.util.Map.of("note", "送到了")), 200);
            tap.awaitType(WishesEvents.WISH_FULFILLED.ceType(), id);
            assertThat(tap.seenFor(id)).filteredOn(r -> WishesEvents.WISH_REMINDER_DUE.ceType()
                    .equals(EventTap.type(r))).hasSize(2);
        }
    }

    @Test
    void noReminderForAClaimAlreadyOverdueOrGone() {
        UUID community = feed.community();
        UUID member = feed.residentMember(community);
        String id = w.published(community);
        String claimId = require(w.api.post("/api/v1/wishes/" + id + "/claim", w.member(member), null), 201)
                .id();
        // The claimer gives up before the last day: nothing to remind of afterwards.
        require(w.api.post("/api/v1/wishes/" + id + "/claim/withdraw", w.member(member), null), 200);
        w.clock.advance(Duration.ofDays(6).plusHours(12));
        w.sweep();
        assertThat(w.rows("claim_reminder where claim_id = '" + claimId + "'")).isZero();
    }
}
