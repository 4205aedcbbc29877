package cn.zhangzhou.partybuilding.volunteering.hours;

import static cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.volunteering.VolunteeringEvents;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventTap;
import cn.zhangzhou.partybuilding.volunteering.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering;

/**
 * Hours without check-in: claimed with a reason, approved by staff other than who submitted them, declined (kept)
 * and appealed once, each with who and when; and a member of another district whose approved hours name their home
 * district, for its home-district feedback (双报到).
 */
class HoursClaimTest {

    private static final RunningVolunteering v = RunningVolunteering.get();
    private static final MembershipFeed feed = v.feed;

    /** An activity of the community that took place, with the volunteer (by the token) holding a place at it. */
    private String pastActivity(UUID community, String signUpToken, Map<String, Object> body) {
        String activity = v.activity(community, "SERVICE", 10, Duration.ofHours(2));
        require(v.api.post("/api/v1/activities/" + activity + "/sign-ups", signUpToken, body), 201);
        v.clock.advance(Duration.ofHours(5));
        return activity;
    }

    private static Map<String, Object> claim(String activity, Instant day, int minutes) {
        Map<String, Object> body = new HashMap<>(Map.of("shiftKind", "ACTIVITY", "shiftId", activity,
                "servedOn", LocalDate.ofInstant(day, ZoneId.of("Asia/Shanghai")).toString(), "minutes", minutes,
                "reason", "手机没电，未能扫码签到"));
        return body;
    }

    @Test
    void declinedHoursAreKeptAppealedOnceAndApprovedByStaff() {
        UUID community = feed.community();
        UUID member = feed.member(community);
        Instant day = v.in(Duration.ofHours(2));
        String activity = pastActivity(community, v.member(member), null);

        String id;
        try (EventTap tap = EventTap.open(v.topic())) {
            Api.Response claimed = require(v.api.post("/api/v1/hours", v.member(member), claim(activity, day, 120)),
                    201);
            assertThat(claimed.text("status")).isEqualTo("PENDING");
            id = claimed.id();
            assertThat(EventTap.payload(tap.awaitType(VolunteeringEvents.HOURS_CLAIMED.ceType(), id)))
                    .contains("\"minutes\":120");
        }
        assertThat(v.api.post("/api/v1/hours", v.member(member), claim(activity, day, 60)).status()).isEqualTo(409);
        String path = "/api/v1/hours/" + id;
        assertThat(v.api.post(path + "/approve", v.member(member), Map.of("version", 1)).status()).isEqualTo(403);
        assertThat(v.api.post(path + "/approve", v.staff(feed.community()), Map.of("version", 1)).status())
                .isEqualTo(403);
        // Pending hours count nowhere.
        assertThat(v.api.get("/api/v1/volunteers/" + member + "/report?year=" + day.toString().substring(0, 4),
                v.member(member)).body().path("serviceMinutes").asLong()).isZero();

        require(v.api.post(path + "/decline", v.staff(community), Map.of("version", 1, "reason", "签到表无此人")), 200);
        assertThat(v.api.post(path + "/approve", v.staff(community), Map.of("version", 2)).status()).isEqualTo(409);
        assertThat(v.api.post(path + "/appeal", v.member(feed.member(community)), Map.of("version", 2,
                "reason", "有照片")).status()).isEqualTo(403);
        require(v.api.post(path + "/appeal", v.member(member), Map.of("version", 2, "reason", "有活动照片为证")), 200);
        require(v.api.post(path + "/decline", v.staff(community), Map.of("version", 3, "reason", "照片不清楚")), 200);
        Api.Response again = v.api.post(path + "/appeal", v.member(member), Map.of("version", 4, "reason", "再申诉"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.raw()).contains("once");
        assertThat(v.rows("hours where id = '" + id + "' and status = 'DECLINED'")).isEqualTo(1);

        // Another entry: appealed, then approved with the version seen.
        UUID second = feed.member(community);
        String secondActivity = pastActivity(community, v.member(second), null);
        String other = require(v.api.post("/api/v1/hours", v.member(second), claim(secondActivity,
                v.in(Duration.ofHours(-3)), 90)), 201).id();
        require(v.api.post("/api/v1/hours/" + other + "/decline", v.staff(community), Map.of("version", 1,
                "reason", "时长偏多")), 200);
        require(v.api.post("/api/v1/hours/" + other + "/appeal", v.member(second), Map.of("version", 2,
                "reason", "活动延长了")), 200);
        assertThat(v.api.post("/api/v1/hours/" + other + "/approve", v.staff(community), Map.of("version", 2))
                .status()).isEqualTo(409);
        try (EventTap tap = EventTap.open(v.topic())) {
            require(v.api.post("/api/v1/hours/" + other + "/approve", v.staff(community), Map.of("version", 3)), 200);
            assertThat(EventTap.payload(tap.awaitType(VolunteeringEvents.HOURS_APPROVED.ceType(), other)))
                    .contains("\"source\":\"CLAIM\"").contains("\"minutes\":90");
        }
        Api.Response read = v.api.get("/api/v1/hours/" + other, v.member(second));
        assertThat(read.body().path("decisions").findValuesAsString("action"))
                .containsExactly("CLAIM", "DECLINE", "APPEAL", "APPROVE");
        assertThat(read.body().path("decisions").get(1).path("actor").asString()).contains("community_staff");
        assertThat(read.body().path("decisions").get(1).path("reason").asString()).isEqualTo("时长偏多");
        assertThat(v.api.get("/api/v1/hours/" + other, v.member(member)).status()).isEqualTo(404);
        assertThat(v.api.get("/api/v1/hours?organisationId=" + community + "&status=DECLINED", v.staff(community))
                .body().path("totalItems").asLong()).isEqualTo(1);
    }

    @Test
    void staffClaimForAResidentAndAnotherStaffMemberDecides() {
        UUID community = feed.community();
        String resident = require(v.api.post("/api/v1/volunteers", v.staff(community), Map.of("communityId", community,
                "resident", Map.of("name", "陈伯", "phone", "13700003333"))), 201).id();
        Instant day = v.in(Duration.ofHours(2));
        String activity = pastActivity(community, v.staff(community), Map.of("volunteerId", resident));
        Map<String, Object> body = claim(activity, day, 100);
        body.put("volunteerId", resident);
        assertThat(v.api.post("/api/v1/hours", v.staff(feed.community()), body).status()).isEqualTo(403);
        String id = require(v.api.post("/api/v1/hours", v.staff(community), body), 201).id();
        Api.Response own = v.api.post("/api/v1/hours/" + id + "/approve", v.staff(community), Map.of("version", 1));
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.raw()).contains("submitted by you");
        assertThat(require(v.api.post("/api/v1/hours/" + id + "/approve", v.admin(), Map.of("version", 1)), 200)
                .text("status")).isEqualTo("APPROVED");
    }

    @Test
    void aMemberOfAnotherDistrictServesHereAndTheApprovedHoursNameTheirHomeDistrict() {
        UUID community = feed.community();
        UUID longwen = feed.reportedMember("longwen", community);
        String post = v.post(community, Duration.ofHours(1), Map.of());
        // Their token comes from the district that holds them.
        assertThat(v.api.post("/api/v1/posts/" + post + "/claims", v.member(longwen), null).status()).isEqualTo(403);
        require(v.api.post("/api/v1/posts/" + post + "/claims", v.member("longwen", longwen), null), 201);
        v.clock.advance(Duration.ofMinutes(55));
        String hours = require(v.check("in", "posts", post, community, v.member("longwen", longwen)), 201).id();
        v.clock.advance(Duration.ofMinutes(65));
        try (EventTap tap = EventTap.open(v.topic())) {
            require(v.check("out", "posts", post, community, v.member("longwen", longwen)), 200);
            assertThat(EventTap.payload(tap.awaitType(VolunteeringEvents.HOURS_APPROVED.ceType(), hours)))
                    .contains("\"volunteerId\":\"" + longwen + "\"").contains("\"volunteerDistrict\":\"longwen\"")
                    .contains("\"communityId\":\"" + community + "\"").contains("\"minutes\":60");
        }
        assertThat(v.api.get("/api/v1/volunteers/" + longwen, v.member("longwen", longwen)).text("district"))
                .isEqualTo("longwen");
    }
}
