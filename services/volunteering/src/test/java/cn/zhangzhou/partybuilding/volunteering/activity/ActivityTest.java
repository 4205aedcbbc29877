package cn.zhangzhou.partybuilding.volunteering.activity;

import static cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.volunteering.VolunteeringEvents;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventTap;
import cn.zhangzhou.partybuilding.volunteering.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering;

/** Activities: the waiting list promoted in order, cancellation up to the deadline, staff signing up a resident. */
class ActivityTest {

    private static final RunningVolunteering v = RunningVolunteering.get();
    private static final MembershipFeed feed = v.feed;

    private Api.Response signUp(String activity, UUID member) {
        return v.api.post("/api/v1/activities/" + activity + "/sign-ups", v.member(member), null);
    }

    @Test
    void aCancelledPlaceGoesToTheFirstWaitingAndPositionsMoveUp() {
        UUID community = feed.community();
        String activity = v.activity(community, "SERVICE", 1, Duration.ofDays(2));
        UUID holder = feed.member(community);
        UUID first = feed.member(community);
        UUID second = feed.member(community);
        String held = require(signUp(activity, holder), 201).id();
        assertThat(require(signUp(activity, first), 201).body().path("waitingPosition").asInt()).isEqualTo(1);
        String secondId = require(signUp(activity, second), 201).id();
        assertThat(signUp(activity, second).status()).isEqualTo(409);
        assertThat(v.api.post("/api/v1/activities/" + activity + "/sign-ups/" + held + "/cancel", v.member(first), null)
                .status()).isEqualTo(403);

        try (EventTap tap = EventTap.open(v.topic())) {
            Api.Response cancelled = require(v.api.post("/api/v1/activities/" + activity + "/sign-ups/" + held
                    + "/cancel", v.member(holder), null), 200);
            assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
            assertThat(EventTap.payload(tap.awaitType(VolunteeringEvents.ACTIVITY_SIGN_UP_PROMOTED.ceType(), activity)))
                    .contains(first.toString());
        }
        Api.Response list = v.api.get("/api/v1/activities/" + activity + "/sign-ups", v.staff(community));
        assertThat(list.body().path("items").get(1).path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(list.body().path("items").get(2).path("id").asString()).isEqualTo(secondId);
        assertThat(list.body().path("items").get(2).path("waitingPosition").asInt()).isEqualTo(1);
        assertThat(v.api.get("/api/v1/volunteers/" + second + "/sign-ups", v.member(second)).body().path("items")
                .get(0).path("waitingPosition").asInt()).isEqualTo(1);
        // Cancelling a cancelled sign-up is a conflict.
        assertThat(v.api.post("/api/v1/activities/" + activity + "/sign-ups/" + held + "/cancel", v.member(holder),
                null).status()).isEqualTo(409);
    }

    @Test
    void signUpsAreCancelledOnlyUntilTheDeadline() {
        UUID community = feed.community();
        String activity = v.activity(community, "SERVICE", 5, Duration.ofDays(1));
        UUID member = feed.member(community);
        String signUp = require(signUp(activity, member), 201).id();
        v.clock.advance(Duration.ofHours(13));
        Api.Response late = v.api.post("/api/v1/activities/" + activity + "/sign-ups/" + signUp + "/cancel",
                v.member(member), null);
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.raw()).contains("cancellationDeadline");
        assertThat(v.rows("sign_up where id = '" + signUp + "' and status = 'CONFIRMED'")).isEqualTo(1);
        v.clock.advance(Duration.ofHours(12));
        assertThat(signUp(activity, feed.member(community)).status()).isEqualTo(409);
    }

    @Test
    void staffSignUpAResidentAndCancelTheActivity() {
        UUID community = feed.community();
        String activity = v.activity(community, "TRAINING", 10, Duration.ofDays(2));
        String resident = require(v.api.post("/api/v1/volunteers", v.staff(community), Map.of("communityId", community,
                "resident", Map.of("name", "陈伯", "phone", "13700003333"))), 201).id();
        assertThat(v.api.post("/api/v1/activities/" + activity + "/sign-ups", v.staff(feed.community()),
                Map.of("volunteerId", resident)).status()).isEqualTo(403);
        assertThat(require(v.api.post("/api/v1/activities/" + activity + "/sign-ups", v.staff(community),
                Map.of("volunteerId", resident)), 201).text("status")).isEqualTo("CONFIRMED");

        long version = v.api.get("/api/v1/activities/" + activity, v.staff(community)).version();
        assertThat(v.api.post("/api/v1/activities/" + activity + "/cancel", v.staff(community),
                Map.of("version", version + 1, "reason", "台风")).status()).isEqualTo(409);
        require(v.api.post("/api/v1/activities/" + activity + "/cancel", v.staff(community),
                Map.of("version", version, "reason", "台风预警")), 200);
        assertThat(v.api.post("/api/v1/activities/" + activity + "/cancel", v.staff(community),
                Map.of("version", version + 1, "reason", "台风预警")).status()).isEqualTo(409);
        assertThat(signUp(activity, feed.member(community)).status()).isEqualTo(409);
        assertThat(v.api.get("/api/v1/activities?organisationId=" + community + "&kind=TRAINING", v.staff(community))
                .body().path("totalItems").asLong()).isEqualTo(1);
    }
}
