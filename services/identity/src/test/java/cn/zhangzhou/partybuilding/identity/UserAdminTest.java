package cn.zhangzhou.partybuilding.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferredOut;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.identity.testing.IdentityTest;
import cn.zhangzhou.partybuilding.testing.EventFeed;
import cn.zhangzhou.partybuilding.testing.Api;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * User administration in scope: the CITY_ADMIN everywhere, a DISTRICT_ADMIN only in their district and never making
 * a CITY_ADMIN. Every refused request (403, 400, 409) leaves the users as they were.
 */
class UserAdminTest extends IdentityTest {

    @Autowired
    JdbcClient jdbc;

    private String xiangchengAdmin;
    private UUID longwenUser;

    @BeforeEach
    void actors() {
        String username = unique("xc-admin");
        createUser(username, Set.of("DISTRICT_ADMIN"), "xiangcheng", null, null);
        xiangchengAdmin = signIn(username, PASSWORD);
        longwenUser = createUser(unique("lw-staff"), Set.of("COMMUNITY_STAFF"), "longwen", UUID.randomUUID(), null);
    }

    private List<Map<String, Object>> snapshot() {
        return jdbc.sql("SELECT * FROM user_account ORDER BY id").query().listOfRows();
    }

    @Test
    void aDistrictAdminCreatesAndManagesUsersOfTheirDistrict() {
        UUID community = UUID.randomUUID();
        Api.Response created = api.post("/api/v1/users", xiangchengAdmin,
                user(unique("worker"), PASSWORD, List.of("COMMUNITY_STAFF"), "xiangcheng", community, null));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().has("passwordHash")).isFalse();
        assertThat(created.raw()).doesNotContain(PASSWORD);
        String id = created.id();

        Api.Response read = api.get("/api/v1/users/" + id, xiangchengAdmin);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("org")).isEqualTo(community.toString());

        Map<String, Object> access = new HashMap<>();
        access.put("roles", List.of("STREET_STAFF"));
        access.put("district", "xiangcheng");
        access.put("org", UUID.randomUUID());
        access.put("version", read.version());
        Api.Response updated = api.put("/api/v1/users/" + id + "/access", xiangchengAdmin, access);
        assertThat(updated.status()).as(updated.raw()).isEqualTo(200);
        assertThat(updated.body().path("roles").toString()).isEqualTo("[\"STREET_STAFF\"]");

        // The same stale version again: someone changed the user since, 409, nothing lost.
        Api.Response stale = api.put("/api/v1/users/" + id + "/access", xiangchengAdmin, access);
        assertThat(stale.status()).isEqualTo(409);

        Api.Response list = api.get("/api/v1/users?size=200", xiangchengAdmin);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().path("totalItems").asLong()).isGreaterThanOrEqualTo(2);
        for (JsonNode item : list.body().path("items")) {
            assertThat(item.path("district").asString()).isEqualTo("xiangcheng");
        }
    }

    @Test
    void crossScopeAttemptsAre403AndChangeNothing() {
        List<Map<String, Object>> before = snapshot();
        Api.Response otherDistrict = api.post("/api/v1/users", xiangchengAdmin,
                user(unique("lw"), PASSWORD, List.of("DISTRICT_ADMIN"), "longwen", null, null));
        assertThat(otherDistrict.status()).isEqualTo(403);
        assertThat(otherDistrict.isProblem()).isTrue();
        Api.Response cityAdmin = api.post("/api/v1/users", xiangchengAdmin,
                user(unique("boss"), PASSWORD, List.of("CITY_ADMIN"), null, null, null));
        assertThat(cityAdmin.status()).isEqualTo(403);

        String path = "/api/v1/users/" + longwenUser;
        assertThat(api.get(path, xiangchengAdmin).status()).isEqualTo(403);
        assertThat(api.post(path + "/disable", xiangchengAdmin, null).status()).isEqualTo(403);
        assertThat(api.post(path + "/unlock", xiangchengAdmin, null).status()).isEqualTo(403);
        assertThat(api.post(path + "/password", xiangchengAdmin, Map.of("password", "taking over this account"))
                .status()).isEqualTo(403);
        Map<String, Object> grab = new HashMap<>();
        grab.put("roles", List.of("DISTRICT_ADMIN"));
        grab.put("district", "xiangcheng");
        grab.put("version", 0);
        assertThat(api.put(path + "/access", xiangchengAdmin, grab).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/users?district=longwen", xiangchengAdmin).status()).isEqualTo(403);

        // Nor can a district admin raise one of their own users to CITY_ADMIN or move them to another district.
        UUID own = createUser(unique("own"), Set.of("DISTRICT_ADMIN"), "xiangcheng", null, null);
        List<Map<String, Object>> withOwn = snapshot();
        Map<String, Object> raise = new HashMap<>();
        raise.put("roles", List.of("CITY_ADMIN"));
        raise.put("version", 0);
        assertThat(api.put("/api/v1/users/" + own + "/access", xiangchengAdmin, raise).status()).isEqualTo(403);
        Map<String, Object> move = new HashMap<>();
        move.put("roles", List.of("DISTRICT_ADMIN"));
        move.put("district", "longwen");
        move.put("version", 0);
        assertThat(api.put("/api/v1/users/" + own + "/access", xiangchengAdmin, move).status()).isEqualTo(403);
        assertThat(snapshot()).isEqualTo(withOwn);
        assertThat(withOwn).hasSize(before.size() + 1);
    }

    /**
     * Regression (issue 12, "a member id from another district"): a district admin bound an account of their district
     * to a member of another, whose services then honoured its tokens. A MEMBER account binds only a member its
     * district holds, as the districts' membership events tell identity; refusals create and change nothing.
     */
    @Test
    void aMemberAccountIsBoundOnlyToAMemberItsDistrictHolds() {
        UUID ours = member("xiangcheng");
        UUID theirs = member("longwen");
        UUID existing = createUser(unique("to-be-member"), Set.of("COMMUNITY_STAFF"), "xiangcheng", UUID.randomUUID(),
                null);
        List<Map<String, Object>> before = snapshot();

        Api.Response foreign = api.post("/api/v1/users", xiangchengAdmin,
                user(unique("m"), PASSWORD, List.of("MEMBER"), "xiangcheng", null, theirs));
        assertThat(foreign.status()).as(foreign.raw()).isEqualTo(403);
        assertThat(foreign.text("detail")).contains("belongs to district longwen");
        Map<String, Object> rebind = new HashMap<>();
        rebind.put("roles", List.of("MEMBER"));
        rebind.put("district", "xiangcheng");
        rebind.put("member", theirs);
        rebind.put("version", api.get("/api/v1/users/" + existing, xiangchengAdmin).version());
        assertThat(api.put("/api/v1/users/" + existing + "/access", xiangchengAdmin, rebind).status()).isEqualTo(403);
        Api.Response unknown = api.post("/api/v1/users", xiangchengAdmin,
                user(unique("m"), PASSWORD, List.of("MEMBER"), "xiangcheng", null, UUID.randomUUID()));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body().path("errors").get(0).path("field").asString()).isEqualTo("member");
        // The CITY_ADMIN binds any member, with the member's own district only.
        Api.Response wrongDistrict = api.post("/api/v1/users", adminToken(),
                user(unique("m"), PASSWORD, List.of("MEMBER"), "xiangcheng", null, theirs));
        assertThat(wrongDistrict.status()).isEqualTo(422);
        assertThat(wrongDistrict.body().path("errors").get(0).path("field").asString()).isEqualTo("district");
        assertThat(snapshot()).isEqualTo(before);

        assertThat(api.post("/api/v1/users", xiangchengAdmin,
                user(unique("m"), PASSWORD, List.of("MEMBER"), "xiangcheng", null, ours)).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/users", adminToken(),
                user(unique("m"), PASSWORD, List.of("MEMBER"), "longwen", null, theirs)).status()).isEqualTo(201);
    }

    /** A transfer moves the member: the district that took them in holds them, whichever event arrives first. */
    @Test
    void aTransferredMemberBelongsToTheDistrictThatTookThemIn() {
        UUID moving = member("longwen");
        EventFeed.send("longwen", "membership", MembershipEvents.MEMBER_TRANSFERRED_OUT,
                new MemberTransferredOut(moving, UUID.randomUUID(), "zhangpu", UUID.randomUUID()));
        awaitHome(moving, Optional.empty());
        EventFeed.send("zhangpu", "membership", MembershipEvents.MEMBER_REGISTERED, new MemberRegistered(moving,
                UUID.randomUUID(), "zhangpu", null, MemberCategory.IN_SERVICE, List.of(), null, false));
        awaitHome(moving, Optional.of("zhangpu"));
        // A late transfer-out of the old district does not undo the arrival.
        UUID arrived = member("zhangpu");
        EventFeed.send("longwen", "membership", MembershipEvents.MEMBER_TRANSFERRED_OUT,
                new MemberTransferredOut(arrived, UUID.randomUUID(), "zhangpu", UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("SELECT count(*) FROM consumed_aggregate "
                + "WHERE subject = ? AND source LIKE '%longwen%'").param(arrived.toString()).query(Long.class).single() == 1);
        assertThat(memberHomes.districtOf(arrived)).contains("zhangpu");
    }

    @Test
    void staffMembersAndMissingTokensGetNoUserAdministration() {
        String staff = unique("staff");
        createUser(staff, Set.of("STREET_STAFF"), "xiangcheng", UUID.randomUUID(), null);
        String token = signIn(staff, PASSWORD);
        assertThat(api.get("/api/v1/users", token).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/users", token,
                user(unique("x"), PASSWORD, List.of("MEMBER"), "xiangcheng", null, UUID.randomUUID())).status())
                .isEqualTo(403);
        Api.Response anonymous = api.get("/api/v1/users", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.isProblem()).isTrue();
    }

    @Test
    void badInputIs400NamingTheFieldAndCreatesNothing() {
        List<Map<String, Object>> before = snapshot();
        String admin = adminToken();
        Api.Response shortPassword = api.post("/api/v1/users", admin,
                user(unique("short"), "only11chars", List.of("DISTRICT_ADMIN"), "xiangcheng", null, null));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.isProblem()).isTrue();
        assertThat(shortPassword.body().path("errors").get(0).path("field").asString()).isEqualTo("password");
        assertThat(shortPassword.text("detail")).contains("at least 12");

        assertThat(field(api.post("/api/v1/users", admin,
                user(unique("noorg"), PASSWORD, List.of("COMMUNITY_STAFF"), "xiangcheng", null, null)))).isEqualTo("org");
        assertThat(field(api.post("/api/v1/users", admin,
                user(unique("nodistrict"), PASSWORD, List.of("STREET_STAFF"), null, UUID.randomUUID(), null))))
                .isEqualTo("district");
        assertThat(field(api.post("/api/v1/users", admin,
                user(unique("nomember"), PASSWORD, List.of("MEMBER"), "xiangcheng", null, null)))).isEqualTo("member");
        assertThat(field(api.post("/api/v1/users", admin,
                user(unique("machine"), PASSWORD, List.of("DISTRICT_SYSTEM"), "xiangcheng", null, null)))).isEqualTo("roles");
        assertThat(field(api.post("/api/v1/users", admin,
                user(unique("cityplus"), PASSWORD, List.of("CITY_ADMIN"), "xiangcheng", null, null)))).isEqualTo("roles");
        assertThat(field(api.post("/api/v1/users", admin,
                user("x", PASSWORD, List.of("DISTRICT_ADMIN"), "xiangcheng", null, null)))).isEqualTo("username");
        String name = unique("namedpass");
        assertThat(field(api.post("/api/v1/users", admin,
                user(name, "my name is " + name, List.of("DISTRICT_ADMIN"), "xiangcheng", null, null)))).isEqualTo("password");
        Api.Response unknownRole = api.post("/api/v1/users", admin,
                user(unique("kaiser"), PASSWORD, List.of("EMPEROR"), "xiangcheng", null, null));
        assertThat(unknownRole.status()).isEqualTo(400);
        Api.Response badUuid = api.sendRaw("POST", "/api/v1/users", admin,
                "{\"username\":\"" + unique("u") + "\",\"password\":\"" + PASSWORD
                        + "\",\"roles\":[\"COMMUNITY_STAFF\"],\"district\":\"xiangcheng\",\"org\":\"not-a-uuid\"}");
        assertThat(badUuid.status()).isEqualTo(400);
        assertThat(api.post("/api/v1/users/" + longwenUser + "/password", admin, Map.of("password", "short"))
                .status()).isEqualTo(400);
        assertThat(snapshot()).isEqualTo(before);
    }

    private static String field(Api.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        return response.body().path("errors").get(0).path("field").asString();
    }

    @Test
    void aTakenUsernameIs409WhateverItsCase() {
        String name = unique("Twin");
        assertThat(api.post("/api/v1/users", adminToken(),
                user(name, PASSWORD, List.of("DISTRICT_ADMIN"), "xiangcheng", null, null)).status()).isEqualTo(201);
        List<Map<String, Object>> before = snapshot();
        Api.Response twin = api.post("/api/v1/users", adminToken(),
                user(name.toLowerCase(), PASSWORD, List.of("DISTRICT_ADMIN"), "xiangcheng", null, null));
        assertThat(twin.status()).isEqualTo(409);
        assertThat(twin.text("detail")).contains("already taken");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyCreatesOnce() {
        Map<String, Object> body = user(unique("retry"), PASSWORD, List.of("DISTRICT_ADMIN"), "longwen", null, null);
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        Api.Response first = api.post("/api/v1/users", adminToken(), body, key);
        Api.Response second = api.post("/api/v1/users", adminToken(), body, key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(jdbc.sql("SELECT count(*) FROM user_account WHERE username = :u").param("u", body.get("username"))
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theCityAdminListsAcrossDistrictsWithFilters() {
        String admin = adminToken();
        Api.Response longwen = api.get("/api/v1/users?district=longwen&role=COMMUNITY_STAFF&size=200", admin);
        assertThat(longwen.status()).isEqualTo(200);
        assertThat(longwen.body().path("items").size()).isGreaterThanOrEqualTo(1);
        for (JsonNode item : longwen.body().path("items")) {
            assertThat(item.path("district").asString()).isEqualTo("longwen");
            assertThat(item.path("roles").toString()).contains("COMMUNITY_STAFF");
        }
        Api.Response byName = api.get("/api/v1/users?username=" + ADMIN, admin);
        assertThat(byName.body().path("items").get(0).path("username").asString()).isEqualTo(ADMIN);
        Api.Response paged = api.get("/api/v1/users?size=1&page=1", admin);
        assertThat(paged.body().path("items").size()).isEqualTo(1);
        assertThat(paged.body().path("page").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/users?size=0", admin).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/users?role=EMPEROR", admin).status()).isEqualTo(400);
    }

    @Test
    void anAdminCannotDisableThemselves() {
        UUID self = UUID.fromString(api.get("/api/v1/users?username=" + ADMIN, adminToken()).body()
                .path("items").get(0).path("id").asString());
        Api.Response refused = api.post("/api/v1/users/" + self + "/disable", adminToken(), null);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(api.get("/api/v1/users/" + self, adminToken()).body().path("enabled").asBoolean()).isTrue();
    }
}
