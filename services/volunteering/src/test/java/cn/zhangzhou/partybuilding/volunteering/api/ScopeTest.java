package cn.zhangzhou.partybuilding.volunteering.api;

import static cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.volunteering.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering;

/**
 * Scope on every object, across districts and communities: another district's staff act on nothing here, community
 * staff only in their community, street staff in their street's communities, a member only on their own claims,
 * sign-ups and hours. Every refusal changes nothing.
 */
class ScopeTest {

    private static final RunningVolunteering v = RunningVolunteering.get();
    private static final MembershipFeed feed = v.feed;

    @Test
    void withoutATokenNothingAnswers() {
        Api.Response response = v.api.get("/api/v1/posts?organisationId=" + feed.district(), null);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.isProblem()).isTrue();
    }

    @Test
    void anotherDistrictsAdminAndStaffAreRefusedEverywhere() {
        UUID community = feed.community();
        String post = v.post(community, Duration.ofDays(1), Map.of());
        String longwenAdmin = TestTokens.token(Role.DISTRICT_ADMIN, "longwen", null, null);
        String longwenStaff = TestTokens.token(Role.COMMUNITY_STAFF, "longwen", community, null);
        long posts = v.rows("post");
        for (String token : new String[] {longwenAdmin, longwenStaff}) {
            assertThat(v.api.get("/api/v1/posts?organisationId=" + community, token).status()).isEqualTo(403);
            assertThat(v.api.get("/api/v1/posts/" + post, token).status()).isEqualTo(403);
            assertThat(v.api.post("/api/v1/posts", token, v.postBody(community, Duration.ofDays(1), Map.of()))
                    .status()).isEqualTo(403);
            assertThat(v.api.post("/api/v1/posts/" + post + "/close", token, Map.of("version", 1, "reason", "x"))
                    .status()).isEqualTo(403);
            assertThat(v.api.get("/api/v1/volunteers?organisationId=" + community, token).status()).isEqualTo(403);
            assertThat(v.api.get("/api/v1/reports/volunteering?organisationId=" + community + "&from=2026-01-01"
                    + "&to=2026-12-31", token).status()).isEqualTo(403);
            assertThat(v.api.get("/api/v1/posts/" + post + "/check-in-code", token).status()).isEqualTo(403);
        }
        assertThat(v.rows("post")).isEqualTo(posts);
        assertThat(v.api.get("/api/v1/posts/" + post, v.staff(community)).text("status")).isEqualTo("OPEN");
        // A member of another district reads what is published here only if they volunteer here (双报到).
        assertThat(v.api.get("/api/v1/posts/" + post, v.member("zhangpu", UUID.randomUUID())).status()).isEqualTo(403);
        UUID reported = feed.reportedMember("longwen", feed.community());
        assertThat(v.api.get("/api/v1/posts/" + post, v.member("longwen", reported)).status()).isEqualTo(200);
        // The city admin spans districts.
        assertThat(v.api.get("/api/v1/posts/" + post, TestTokens.token(Role.CITY_ADMIN, null, null, null)).status())
                .isEqualTo(200);
    }

    @Test
    void communityStaffActOnlyInTheirCommunityAndStreetStaffInTheirStreet() {
        UUID street = feed.street();
        UUID mine = feed.community(street);
        UUID theirs = feed.community(street);
        UUID otherStreet = feed.community();
        String staff = v.staff(mine);
        String theirPost = v.post(theirs, Duration.ofDays(1), Map.of());
        String theirActivity = v.activity(theirs, "SERVICE", 3, Duration.ofDays(1));

        assertThat(v.api.post("/api/v1/posts", staff, v.postBody(theirs, Duration.ofDays(1), Map.of())).status())
                .isEqualTo(403);
        assertThat(v.api.post("/api/v1/posts/" + theirPost + "/close", staff, Map.of("version", 1, "reason", "x"))
                .status()).isEqualTo(403);
        assertThat(v.api.get("/api/v1/posts/" + theirPost + "/claims", staff).status()).isEqualTo(403);
        assertThat(v.api.get("/api/v1/activities/" + theirActivity + "/sign-ups", staff).status()).isEqualTo(403);
        assertThat(v.api.post("/api/v1/activities/" + theirActivity + "/cancel", staff, Map.of("version", 1,
                "reason", "x")).status()).isEqualTo(403);
        assertThat(v.api.get("/api/v1/hours?organisationId=" + theirs, staff).status()).isEqualTo(403);
        assertThat(v.api.get("/api/v1/posts?organisationId=" + street, staff).status()).isEqualTo(403);
        assertThat(v.api.post("/api/v1/campaigns", staff, Map.of("organisationId", theirs, "kind", "OTHER",
                "name", "x", "startsOn", "2026-01-01", "endsOn", "2026-01-02")).status()).isEqualTo(403);

        String streetStaff = v.streetStaff(street);
        assertThat(v.api.post("/api/v1/posts", streetStaff, v.postBody(theirs, Duration.ofDays(1), Map.of()))
                .status()).isEqualTo(201);
        assertThat(v.api.post("/api/v1/posts", streetStaff, v.postBody(otherStreet, Duration.ofDays(1), Map.of()))
                .status()).isEqualTo(403);
        assertThat(v.api.get("/api/v1/posts?organisationId=" + street, streetStaff).body().path("totalItems")
                .asLong()).isEqualTo(2);
        assertThat(v.rows("post where community_id = '" + otherStreet + "'")).isZero();
        assertThat(v.api.get("/api/v1/activities/" + theirActivity, v.admin()).version()).isEqualTo(1);
    }

    @Test
    void aMemberActsOnlyOnTheirOwnClaimsSignUpsAndHours() {
        UUID community = feed.community();
        UUID me = feed.member(community);
        UUID other = feed.member(community);
        String post = v.post(community, Duration.ofHours(1), Map.of());
        String activity = v.activity(community, "SERVICE", 3, Duration.ofHours(1));
        String claim = require(v.api.post("/api/v1/posts/" + post + "/claims", v.member(other), null), 201).id();
        String signUp = require(v.api.post("/api/v1/activities/" + activity + "/sign-ups", v.member(other), null), 201)
                .id();
        v.clock.advance(Duration.ofMinutes(50));
        String hours = require(v.check("in", "posts", post, community, v.member(other)), 201).id();
        v.clock.advance(Duration.ofMinutes(30));
        require(v.check("out", "posts", post, community, v.member(other)), 200);
        require(v.api.post("/api/v1/volunteers", v.member(me), Map.of("communityId", community)), 201);

        String mine = v.member(me);
        for (String read : new String[] {"", "/post-claims", "/sign-ups", "/hours", "/report?year=2026",
                "/service-record.csv"}) {
            assertThat(v.api.get("/api/v1/volunteers/" + other + read, mine).status()).as(read).isEqualTo(404);
        }
        assertThat(v.api.get("/api/v1/hours/" + hours, mine).status()).isEqualTo(404);
        assertThat(v.api.post("/api/v1/posts/" + post + "/claims/" + claim + "/withdraw", mine, null).status())
                .isEqualTo(403);
        assertThat(v.api.post("/api/v1/activities/" + activity + "/sign-ups/" + signUp + "/cancel", mine, null)
                .status()).isEqualTo(403);
        assertThat(v.api.post("/api/v1/hours/" + hours + "/appeal", mine, Map.of("version", 2, "reason", "x"))
                .status()).isEqualTo(403);
        assertThat(v.api.post("/api/v1/activities/" + activity + "/sign-ups", mine, Map.of("volunteerId", other))
                .status()).isEqualTo(403);
        assertThat(v.api.post("/api/v1/hours", mine, Map.of("volunteerId", other, "shiftKind", "POST", "shiftId", post,
                "servedOn", LocalDate.now().toString(), "minutes", 30, "reason", "x")).status()).isEqualTo(403);
        assertThat(v.api.get("/api/v1/hours?organisationId=" + community, mine).status()).isEqualTo(403);
        assertThat(v.api.get("/api/v1/activities/" + activity + "/sign-ups", mine).status()).isEqualTo(403);
        assertThat(v.rows("post_claim where id = '" + claim + "' and status = 'ACTIVE'")).isEqualTo(1);
        assertThat(v.rows("sign_up where id = '" + signUp + "' and status = 'CONFIRMED'")).isEqualTo(1);
        // Their own records they read.
        assertThat(v.api.get("/api/v1/volunteers/" + other + "/hours", v.member(other)).body().path("totalItems")
                .asLong()).isEqualTo(1);
    }
}
