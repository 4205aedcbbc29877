package cn.zhangzhou.partybuilding.volunteering.volunteer;

import static cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
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
 * Volunteers (志愿者): members register themselves or are registered by staff, residents who are not members are
 * registered by staff with their personal data kept here; specialties (分类登记) from the district's list, verified
 * qualifications, search by community and specialty.
 */
class VolunteerTest {

    private static final RunningVolunteering v = RunningVolunteering.get();
    private static final MembershipFeed feed = v.feed;

    @Test
    void aMemberRegistersThemselvesAndTheEventCarriesTheirHomeDistrict() {
        UUID community = feed.community();
        UUID member = feed.member(community);
        try (EventTap tap = EventTap.open(v.topic())) {
            Api.Response registered = v.api.post("/api/v1/volunteers", v.member(member), Map.of("communityId", community));
            assertThat(registered.status()).isEqualTo(201);
            assertThat(registered.text("kind")).isEqualTo("MEMBER");
            assertThat(registered.text("district")).isEqualTo("xiangcheng");
            assertThat(EventTap.payload(tap.awaitType(VolunteeringEvents.VOLUNTEER_REGISTERED.ceType(),
                    member.toString()))).contains("\"volunteerDistrict\":\"xiangcheng\"");
        }
        Api.Response again = v.api.post("/api/v1/volunteers", v.member(member), Map.of("communityId", community));
        assertThat(again.status()).isEqualTo(409);
        // A community the member neither lives in nor reported to.
        UUID stranger = feed.member(feed.community());
        assertThat(v.api.post("/api/v1/volunteers", v.member(stranger), Map.of("communityId", community)).status())
                .isEqualTo(403);
        assertThat(v.rows("volunteer where id = '" + stranger + "'")).isZero();
    }

    @Test
    void aResidentsNameAndPhoneStayInTheServiceAndGoToStaffInScopeOnly() {
        UUID community = feed.community();
        String id;
        try (EventTap tap = EventTap.open(v.topic())) {
            Api.Response resident = v.api.post("/api/v1/volunteers", v.staff(community), Map.of("communityId", community,
                    "resident", Map.of("name", "林阿姨", "phone", "13900002222")));
            assertThat(resident.status()).isEqualTo(201);
            assertThat(resident.text("kind")).isEqualTo("RESIDENT");
            id = resident.id();
            String event = EventTap.payload(tap.awaitType(VolunteeringEvents.VOLUNTEER_REGISTERED.ceType(), id));
            assertThat(event).doesNotContain("林阿姨").doesNotContain("13900002222");
        }
        assertThat(v.rows("outbox_event where convert_from(payload, 'UTF8') like '%13900002222%'")).isZero();
        assertThat(v.api.get("/api/v1/volunteers/" + id, v.staff(community)).text("phone")).isEqualTo("13900002222");
        assertThat(v.api.get("/api/v1/volunteers/" + id, v.staff(feed.community())).status()).isEqualTo(404);
        // Staff register members too: only those who live in or reported to the community.
        UUID member = feed.member(community);
        assertThat(v.api.post("/api/v1/volunteers", v.staff(community), Map.of("communityId", community,
                "memberId", member)).status()).isEqualTo(201);
        Api.Response unknown = v.api.post("/api/v1/volunteers", v.staff(community), Map.of("communityId", community,
                "memberId", UUID.randomUUID()));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.raw()).contains("memberId");
    }

    @Test
    void specialtiesComeFromTheListAndQualificationsAreVerifiedByStaff() {
        UUID community = feed.community();
        UUID member = v.volunteer(community);
        String path = "/api/v1/volunteers/" + member;
        Api.Response unknown = v.api.put(path + "/specialties", v.member(member), Map.of("version", 1,
                "specialties", List.of(Map.of("specialty", "ASTROLOGY"))));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.raw()).contains("specialties");

        Api.Response updated = require(v.api.put(path + "/specialties", v.member(member), Map.of("version", 1,
                "specialties", List.of(Map.of("specialty", "LEGAL", "qualification", "律师执业证"),
                        Map.of("specialty", "CULTURE")))), 200);
        assertThat(updated.version()).isEqualTo(2);
        // The member cannot verify their own qualification; staff of another community cannot either.
        assertThat(v.api.post(path + "/specialties/LEGAL/verification", v.member(member), Map.of("version", 2))
                .status()).isEqualTo(403);
        assertThat(v.api.post(path + "/specialties/LEGAL/verification", v.staff(feed.community()),
                Map.of("version", 2)).status()).isEqualTo(403);
        // Stale version, and a specialty without a stated qualification.
        assertThat(v.api.post(path + "/specialties/LEGAL/verification", v.staff(community), Map.of("version", 1))
                .status()).isEqualTo(409);
        assertThat(v.api.post(path + "/specialties/CULTURE/verification", v.staff(community), Map.of("version", 2))
                .status()).isEqualTo(422);
        LocalDate until = LocalDate.now().plusYears(2);
        Api.Response verified;
        try (EventTap tap = EventTap.open(v.topic())) {
            verified = require(v.api.post(path + "/specialties/LEGAL/verification", v.staff(community),
                    Map.of("version", 2, "validUntil", until.toString())), 200);
            assertThat(EventTap.payload(tap.awaitType(VolunteeringEvents.VOLUNTEER_SPECIALTIES_UPDATED.ceType(),
                    member.toString()))).contains("{\"specialty\":\"LEGAL\",\"qualified\":true,\"validUntil\":\""
                    + until + "\"}").doesNotContain("律师执业证");
        }
        // Listed by code: CULTURE, then LEGAL.
        assertThat(verified.body().path("specialties").get(1).path("verifiedBy").asString()).contains("community_staff");
        // Restating the same qualification keeps the verification; a changed one needs verifying again.
        Api.Response kept = require(v.api.put(path + "/specialties", v.member(member), Map.of("version", 3,
                "specialties", List.of(Map.of("specialty", "LEGAL", "qualification", "律师执业证")))), 200);
        assertThat(kept.body().path("specialties").get(0).path("verifiedAt").isNull()).isFalse();
        Api.Response changed = require(v.api.put(path + "/specialties", v.member(member), Map.of("version", 4,
                "specialties", List.of(Map.of("specialty", "LEGAL", "qualification", "法律职业资格证")))), 200);
        assertThat(changed.body().path("specialties").get(0).path("verifiedAt").isNull()).isTrue();
    }

    @Test
    void staffSearchTheirCommunityByStreetAndSpecialtyPageByPage() {
        UUID street = feed.street();
        UUID community = feed.community(street);
        UUID other = feed.community(street);
        for (int i = 0; i < 3; i++) {
            UUID legal = v.volunteer(i < 2 ? community : other);
            require(v.api.put("/api/v1/volunteers/" + legal + "/specialties", v.member(legal), Map.of("version", 1,
                    "specialties", List.of(Map.of("specialty", "LEGAL", "qualification", "律师执业证")))), 200);
        }
        UUID qualified = v.volunteer(community);
        require(v.api.put("/api/v1/volunteers/" + qualified + "/specialties", v.member(qualified), Map.of("version", 1,
                "specialties", List.of(Map.of("specialty", "LEGAL", "qualification", "律师执业证")))), 200);
        require(v.api.post("/api/v1/volunteers/" + qualified + "/specialties/LEGAL/verification", v.staff(community),
                Map.of("version", 2)), 200);
        v.volunteer(community);

        Api.Response page = v.api.get("/api/v1/volunteers?organisationId=" + community + "&specialty=LEGAL&size=2",
                v.staff(community));
        assertThat(page.body().path("totalItems").asLong()).isEqualTo(3);
        assertThat(page.body().path("items").size()).isEqualTo(2);
        assertThat(v.api.get("/api/v1/volunteers?organisationId=" + community + "&specialty=LEGAL&qualified=true",
                v.staff(community)).body().path("items").get(0).path("id").asString()).isEqualTo(qualified.toString());
        assertThat(v.api.get("/api/v1/volunteers?organisationId=" + street + "&specialty=LEGAL", v.streetStaff(street))
                .body().path("totalItems").asLong()).isEqualTo(4);
        assertThat(v.api.get("/api/v1/volunteers?organisationId=" + street, v.staff(community)).status())
                .isEqualTo(403);
        assertThat(v.api.get("/api/v1/volunteers?organisationId=" + community, v.member(qualified)).status())
                .isEqualTo(403);
    }
}
