package cn.zhangzhou.partybuilding.volunteering.post;

import static cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.volunteering.VolunteeringEvents;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventTap;
import cn.zhangzhou.partybuilding.volunteering.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering;

/**
 * Service posts (岗位) and claims (党员认岗): schedules, units through staff, capacity, the specialty or qualification a
 * post asks for, the clash of fixed shifts, withdrawal and closing.
 */
class PostTest {

    private static final RunningVolunteering v = RunningVolunteering.get();
    private static final MembershipFeed feed = v.feed;
    private static final Duration DAY = Duration.ofDays(1);

    private Api.Response claim(String post, UUID member) {
        return v.api.post("/api/v1/posts/" + post + "/claims", v.member(member), null);
    }

    @Test
    void aMemberClaimsAndIsRegisteredOnTheWayAndThePostFillsUp() {
        UUID community = feed.community();
        String post = v.post(community, DAY, Map.of("capacity", 2));
        UUID first = feed.member(community);
        UUID second = feed.member(community);
        UUID third = feed.member(community);
        try (EventTap tap = EventTap.open(v.topic())) {
            Api.Response claimed = claim(post, first);
            assertThat(claimed.status()).isEqualTo(201);
            assertThat(EventTap.payload(tap.awaitType(VolunteeringEvents.POST_CLAIMED.ceType(), post)))
                    .contains(first.toString()).contains("\"volunteerDistrict\":\"xiangcheng\"");
            tap.awaitType(VolunteeringEvents.VOLUNTEER_REGISTERED.ceType(), first.toString());
        }
        assertThat(claim(post, first).status()).isEqualTo(409);
        assertThat(claim(post, second).status()).isEqualTo(201);
        Api.Response full = claim(post, third);
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.raw()).contains("full");
        Api.Response read = v.api.get("/api/v1/posts/" + post, v.member(third));
        assertThat(read.body().path("claimed").asInt()).isEqualTo(2);
        // A member of another community claims nothing here.
        assertThat(claim(v.post(community, DAY, Map.of()), feed.member(feed.community())).status()).isEqualTo(403);
    }

    @Test
    void overlappingFixedShiftsAreRefusedNamingTheOtherPostAndItsTime() {
        UUID community = feed.community();
        UUID member = feed.member(community);
        String morning = v.post(community, DAY, Map.of("title", "上午调解岗"));
        String overlapping = v.post(community, DAY.plusHours(2), Map.of());
        String afterwards = v.post(community, DAY.plusHours(3), Map.of());
        String flexible = v.post(community, DAY, Map.of("schedule", "FLEXIBLE", "hoursBudget", 15,
                "endsAt", v.in(Duration.ofDays(30)).toString()));
        require(claim(morning, member), 201);

        Api.Response clash = claim(overlapping, member);
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.isProblem()).isTrue();
        assertThat(clash.raw()).contains(morning).contains("上午调解岗").contains(v.in(DAY).toString().substring(0, 16));
        assertThat(v.rows("post_claim where post_id = '" + overlapping + "'")).isZero();
        // Back to back is no clash; a flexible window is not a fixed shift.
        assertThat(claim(afterwards, member).status()).isEqualTo(201);
        assertThat(claim(flexible, member).status()).isEqualTo(201);
    }

    @Test
    void aPostAsksForItsSpecialtyOrAValidQualification() {
        UUID community = feed.community();
        String specialty = v.post(community, DAY, Map.of("specialty", "LEGAL", "requirement", "SPECIALTY"));
        String qualification = v.post(community, DAY.plusDays(1), Map.of("specialty", "LEGAL",
                "requirement", "QUALIFICATION"));
        UUID member = v.volunteer(community);
        Api.Response refused = claim(specialty, member);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.raw()).contains("requirement").contains("LEGAL");

        require(v.api.put("/api/v1/volunteers/" + member + "/specialties", v.member(member), Map.of("version", 1,
                "specialties", List.of(Map.of("specialty", "LEGAL", "qualification", "律师执业证")))), 200);
        assertThat(claim(specialty, member).status()).isEqualTo(201);
        assertThat(claim(qualification, member).status()).isEqualTo(422);
        // Verified, but only until before the post's day.
        require(v.api.post("/api/v1/volunteers/" + member + "/specialties/LEGAL/verification", v.staff(community),
                Map.of("version", 2, "validUntil", LocalDate.ofInstant(v.clock.instant(), ZoneId.of("Asia/Shanghai")).toString())),
                200);
        assertThat(claim(qualification, member).status()).isEqualTo(422);
        require(v.api.post("/api/v1/volunteers/" + member + "/specialties/LEGAL/verification", v.staff(community),
                Map.of("version", 3)), 200);
        assertThat(claim(qualification, member).status()).isEqualTo(201);
    }

    @Test
    void aResidentUnitPublishesThroughStaffOnlyOnceItsReportWasAccepted() {
        UUID community = feed.community();
        UUID unit = feed.reportedUnit(community);
        UUID stranger = feed.reportedUnit(feed.community());
        Api.Response refused = v.api.post("/api/v1/posts", v.staff(community), v.postBody(community, DAY,
                Map.of("publisher", "UNIT", "unitId", stranger)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.raw()).contains("unitId");
        try (EventTap tap = EventTap.open(v.topic())) {
            String post = require(v.api.post("/api/v1/posts", v.staff(community), v.postBody(community, DAY,
                    Map.of("publisher", "UNIT", "unitId", unit, "title", "办税引导岗"))), 201).id();
            assertThat(EventTap.payload(tap.awaitType(VolunteeringEvents.POST_PUBLISHED.ceType(), post)))
                    .contains("\"publisher\":\"UNIT\"").contains(unit.toString());
        }
        // Schedules: a flexible window needs its budget, an open-ended post has no end, a fixed shift is one day.
        assertThat(v.api.post("/api/v1/posts", v.staff(community), v.postBody(community, DAY,
                Map.of("schedule", "FLEXIBLE"))).raw()).contains("hoursBudget");
        Map<String, Object> openEnded = new java.util.HashMap<>(v.postBody(community, DAY,
                Map.of("schedule", "OPEN_ENDED", "title", "楼道长")));
        openEnded.remove("endsAt");
        assertThat(v.api.post("/api/v1/posts", v.staff(community), openEnded).status()).isEqualTo(201);
        assertThat(v.api.post("/api/v1/posts", v.staff(community), v.postBody(community, DAY,
                Map.of("endsAt", v.in(Duration.ofDays(3)).toString()))).raw()).contains("endsAt");
    }

    @Test
    void claimsAreWithdrawnByTheMemberOrStaffAndClosingIsVersioned() {
        UUID community = feed.community();
        String post = v.post(community, DAY, Map.of("capacity", 1));
        UUID member = feed.member(community);
        UUID other = feed.member(community);
        String claimId = require(claim(post, member), 201).id();
        assertThat(v.api.post("/api/v1/posts/" + post + "/claims/" + claimId + "/withdraw", v.member(other), null)
                .status()).isEqualTo(403);
        try (EventTap tap = EventTap.open(v.topic())) {
            require(v.api.post("/api/v1/posts/" + post + "/claims/" + claimId + "/withdraw", v.member(member), null),
                    200);
            assertThat(EventTap.payload(tap.awaitType(VolunteeringEvents.POST_CLAIM_WITHDRAWN.ceType(), post)))
                    .contains("\"byStaff\":false");
        }
        assertThat(v.api.post("/api/v1/posts/" + post + "/claims/" + claimId + "/withdraw", v.member(member), null)
                .status()).isEqualTo(409);
        assertThat(claim(post, other).status()).isEqualTo(201);

        long version = v.api.get("/api/v1/posts/" + post, v.staff(community)).version();
        assertThat(v.api.post("/api/v1/posts/" + post + "/close", v.staff(community),
                Map.of("version", version - 1, "reason", "已满足需求")).status()).isEqualTo(409);
        assertThat(v.api.post("/api/v1/posts/" + post + "/close", v.staff(feed.community()),
                Map.of("version", version, "reason", "已满足需求")).status()).isEqualTo(403);
        require(v.api.post("/api/v1/posts/" + post + "/close", v.staff(community),
                Map.of("version", version, "reason", "已满足需求")), 200);
        assertThat(v.api.post("/api/v1/posts/" + post + "/close", v.staff(community),
                Map.of("version", version + 1, "reason", "再关一次")).status()).isEqualTo(409);
        assertThat(claim(v.post(community, DAY, Map.of()), member).status()).isEqualTo(201);
        Api.Response mine = v.api.get("/api/v1/volunteers/" + member + "/post-claims", v.member(member));
        assertThat(mine.body().path("totalItems").asLong()).isEqualTo(2);
        assertThat(v.api.get("/api/v1/volunteers/" + member + "/post-claims", v.member(other)).status())
                .isEqualTo(404);
        assertThat(v.api.get("/api/v1/posts?organisationId=" + community + "&status=CLOSED", v.staff(community))
                .body().path("totalItems").asLong()).isEqualTo(1);
    }
}
