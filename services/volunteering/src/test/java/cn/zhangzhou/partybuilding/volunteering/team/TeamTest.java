package cn.zhangzhou.partybuilding.volunteering.team;

import static cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.volunteering.VolunteeringEvents;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventTap;
import cn.zhangzhou.partybuilding.volunteering.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering;

/** Volunteer teams (志愿服务队): formed by content and place, joined openly or with the lead's approval. */
class TeamTest {

    private static final RunningVolunteering v = RunningVolunteering.get();
    private static final MembershipFeed feed = v.feed;

    private static Map<String, Object> team(String base, UUID organisation, UUID lead, String policy) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "法律服务队-" + UUID.randomUUID().toString()
                .substring(0, 4), "content", "法律咨询、矛盾调解", "base", base, "joinPolicy", policy));
        if (organisation != null) {
            body.put("organisationId", organisation);
        }
        if (lead != null) {
            body.put("leadVolunteerId", lead);
        }
        return body;
    }

    private static String statusOf(Api.Response team, UUID volunteer) {
        for (var m : team.body().path("members")) {
            if (m.path("volunteerId").asString().equals(volunteer.toString())) {
                return m.path("status").asString();
            }
        }
        return null;
    }

    private Api.Response act(String team, String action, String token) {
        return v.api.post("/api/v1/teams/" + team + action, token, null);
    }

    @Test
    void joiningNeedsTheLeadsApprovalWhereTheTeamAsksForIt() {
        UUID community = feed.community();
        UUID lead = v.volunteer(community);
        UUID asker = feed.member(community);
        UUID declined = feed.member(community);
        Map<String, Object> body = team("COMMUNITY", community, lead, "APPROVAL");
        String team;
        try (EventTap tap = EventTap.open(v.topic())) {
            team = require(v.api.post("/api/v1/teams", v.staff(community), body), 201).id();
            assertThat(EventTap.payload(tap.awaitType(VolunteeringEvents.TEAM_FORMED.ceType(), team)))
                    .contains("\"leadVolunteerId\":\"" + lead + "\"").contains("\"joinPolicy\":\"APPROVAL\"");
        }
        assertThat(v.api.post("/api/v1/teams", v.staff(community), body).status()).isEqualTo(409);

        assertThat(statusOf(require(act(team, "/join", v.member(asker)), 200), asker)).isEqualTo("PENDING");
        assertThat(act(team, "/join", v.member(asker)).status()).isEqualTo(409);
        assertThat(act(team, "/requests/" + asker + "/approve", v.member(declined)).status()).isEqualTo(403);
        try (EventTap tap = EventTap.open(v.topic())) {
            require(act(team, "/requests/" + asker + "/approve", v.member(lead)), 200);
            assertThat(EventTap.payload(tap.awaitType(VolunteeringEvents.TEAM_MEMBER_JOINED.ceType(), team)))
                    .contains("\"approved\":true");
        }
        require(act(team, "/join", v.member(declined)), 200);
        require(v.api.post("/api/v1/teams/" + team + "/requests/" + declined + "/decline", v.staff(community),
                Map.of("reason", "本队名额已满")), 200);
        assertThat(act(team, "/requests/" + declined + "/approve", v.member(lead)).status()).isEqualTo(409);
        // Asking again after a decline is a new request.
        require(act(team, "/join", v.member(declined)), 200);

        assertThat(v.api.sendRaw("DELETE", "/api/v1/teams/" + team + "/members/" + lead, v.member(lead), null)
                .status()).isEqualTo(409);
        assertThat(v.api.sendRaw("DELETE", "/api/v1/teams/" + team + "/members/" + asker, v.member(declined), null)
                .status()).isEqualTo(403);
        Api.Response left = require(v.api.sendRaw("DELETE", "/api/v1/teams/" + team + "/members/" + asker,
                v.member(asker), null), 200);
        assertThat(statusOf(left, asker)).isEqualTo("LEFT");
        // The lead adds a volunteer of the community directly.
        UUID added = v.volunteer(community);
        require(v.api.post("/api/v1/teams/" + team + "/members", v.member(lead), Map.of("volunteerId", added)), 200);
        assertThat(v.api.get("/api/v1/teams?organisationId=" + community, v.member(added)).body().path("totalItems")
                .asLong()).isEqualTo(1);
    }

    @Test
    void membersFormTheirOwnCommunityTeamsAndStaffFormStreetAndBrandProjectTeams() {
        UUID street = feed.street();
        UUID community = feed.community(street);
        UUID member = feed.member(community);
        Api.Response own = require(v.api.post("/api/v1/teams", v.member(member), team("COMMUNITY", community, null,
                "OPEN")), 201);
        assertThat(own.text("leadVolunteerId")).isEqualTo(member.toString());
        UUID joiner = feed.member(community);
        assertThat(statusOf(require(act(own.id(), "/join", v.member(joiner)), 200), joiner)).isEqualTo("MEMBER");
        assertThat(v.api.post("/api/v1/teams", v.member(member), team("STREET", street, null, "OPEN")).status())
                .isEqualTo(403);

        UUID lead = v.volunteer(community);
        UUID elsewhere = v.volunteer(feed.community());
        assertThat(v.api.post("/api/v1/teams", v.streetStaff(street), team("STREET", street, elsewhere, "OPEN"))
                .status()).isEqualTo(422);
        String patrol = require(v.api.post("/api/v1/brand-projects", v.streetStaff(street), Map.of(
                "organisationId", street, "name", "退休党员义务巡逻", "description", "夜间巡逻")), 201).id();
        Map<String, Object> body = team("BRAND_PROJECT", null, lead, "APPROVAL");
        body.put("brandProjectId", patrol);
        Api.Response team = require(v.api.post("/api/v1/teams", v.streetStaff(street), body), 201);
        assertThat(team.text("organisationId")).isEqualTo(street.toString());
        assertThat(v.api.post("/api/v1/teams", v.staff(community), body).status()).isEqualTo(403);
    }
}
