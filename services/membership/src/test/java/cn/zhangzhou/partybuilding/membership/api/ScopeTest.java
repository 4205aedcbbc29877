package cn.zhangzhou.partybuilding.membership.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.testing.Api.Response;
import cn.zhangzhou.partybuilding.membership.testing.Fixtures;
import cn.zhangzhou.partybuilding.membership.testing.RunningDistrict;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;

/** Cross-scope attempts fail and change nothing. */
class ScopeTest {

    private final RunningDistrict xc = RunningDistrict.xiangcheng();
    private final Fixtures fx = new Fixtures(xc);

    @Test
    void noTokenIsUnauthorized() {
        Response response = xc.api.get("/api/v1/organisations", null);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.isProblem()).isTrue();
    }

    @Test
    void anotherDistrictsAdminCannotReadOrChangeThisDistrict() {
        String street = fx.street();
        String longwenAdmin = TestTokens.token(Role.DISTRICT_ADMIN, "longwen", null, null);
        assertThat(xc.api.get("/api/v1/members?organisationId=" + street, longwenAdmin).status()).isEqualTo(403);
        Response rename = xc.api.post("/api/v1/organisations/" + street + "/rename", longwenAdmin,
                Map.of("name", "taken over", "version", 1));
        assertThat(rename.status()).isEqualTo(403);
        assertThat(rename.isProblem()).isTrue();
        assertThat(xc.api.get("/api/v1/organisations/" + street, xc.admin()).version()).isEqualTo(1);
    }

    @Test
    void communityStaffActOnlyInTheirCommunity() {
        String street = fx.street();
        String mine = fx.community(street);
        String theirs = fx.community(street);
        String staff = xc.staff(Role.COMMUNITY_STAFF, mine);

        Response ownGrid = xc.api.post("/api/v1/organisations", staff,
                Map.of("code", Fixtures.code("G"), "name", "网格一", "type", "GRID", "parentId", mine));
        assertThat(ownGrid.status()).isEqualTo(201);

        Response otherGrid = xc.api.post("/api/v1/organisations", staff,
                Map.of("code", Fixtures.code("G"), "name", "网格二", "type", "GRID", "parentId", theirs));
        assertThat(otherGrid.status()).isEqualTo(403);

        String theirMember = fx.member(theirs, theirs);
        assertThat(xc.api.get("/api/v1/members/" + theirMember, staff).status()).isEqualTo(403);
        Map<String, Object> change = fx.memberBody(theirs, "xiangcheng", theirs, "RETIRED");
        change.put("version", 1);
        assertThat(xc.api.put("/api/v1/members/" + theirMember, staff, change).status()).isEqualTo(403);
        assertThat(xc.api.get("/api/v1/members/" + theirMember, xc.admin()).text("category")).isEqualTo("IN_SERVICE");

        Response search = xc.api.get("/api/v1/members?organisationId=" + street, staff);
        assertThat(search.body().path("totalItems").asLong()).isZero();
        assertThat(xc.api.post("/api/v1/organisations/" + theirs + "/rename", staff,
                Map.of("name", "x", "version", 1)).status()).isEqualTo(403);
    }

    @Test
    void streetStaffActInTheirStreetOnly() {
        String street = fx.street();
        String other = fx.street();
        String staff = xc.staff(Role.STREET_STAFF, street);
        assertThat(xc.api.post("/api/v1/organisations", staff, Map.of("code", Fixtures.code("C"), "name", "社区",
                "type", "COMMUNITY", "parentId", street)).status()).isEqualTo(201);
        assertThat(xc.api.post("/api/v1/organisations", staff, Map.of("code", Fixtures.code("C"), "name", "社区",
                "type", "COMMUNITY", "parentId", other)).status()).isEqualTo(403);
        assertThat(xc.api.post("/api/v1/organisations", staff, Map.of("code", Fixtures.code("S"), "name", "街道",
                "type", "STREET_COMMITTEE", "parentId", xc.root())).status()).isEqualTo(403);
    }

    @Test
    void aMemberSeesOnlyTheirOwnRecord() {
        String community = fx.community(fx.street());
        String me = fx.member(community, community);
        String someoneElse = fx.member(community, community);
        assertThat(xc.api.get("/api/v1/members/" + me, xc.member(me)).status()).isEqualTo(200);
        assertThat(xc.api.get("/api/v1/members/" + someoneElse, xc.member(me)).status()).isEqualTo(403);
        assertThat(xc.api.get("/api/v1/members", xc.member(me)).status()).isEqualTo(403);
    }

    /**
     * Regression (issue 12, "a member id from another district"): a Longwen account bound to a Xiangcheng member
     * read and changed that member's records at Xiangcheng. A MEMBER token whose member this district does not
     * hold is refused everywhere, with a problem naming the mismatch, and changes nothing.
     */
    @Test
    void aMemberTokenOfAnotherDistrictForOurMemberIsRefusedEverywhere() {
        String community = fx.community(fx.street());
        String member = fx.member(community, community);
        Response submitted = xc.api.post("/api/v1/member-reports", xc.member(member),
                Map.of("memberId", member, "communityId", community));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
        String forged = TestTokens.token(Role.MEMBER, "longwen", null, java.util.UUID.fromString(member));
        long reports = xc.rows("member_report");

        for (Response refused : new Response[] {
                xc.api.get("/api/v1/members/" + member, forged),
                xc.api.get("/api/v1/members/" + member + "/reports-elsewhere", forged),
                xc.api.get("/api/v1/placements/" + member, forged),
                xc.api.get("/api/v1/organisations", forged),
                xc.api.post("/api/v1/member-reports/" + submitted.id() + "/withdraw", forged, null),
                xc.api.post("/api/v1/member-reports", forged, Map.of("memberId", member, "communityId", community))}) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.isProblem()).isTrue();
            assertThat(refused.text("detail")).contains("district longwen", "belongs to district xiangcheng");
        }
        assertThat(xc.rows("member_report")).isEqualTo(reports);
        assertThat(xc.api.get("/api/v1/members/" + member, xc.member(member)).status()).isEqualTo(200);
    }

    @Test
    void aMemberTokenForAMemberNoDistrictHoldsIsRefused() {
        Response refused = xc.api.get("/api/v1/organisations",
                TestTokens.token(Role.MEMBER, "xiangcheng", null, java.util.UUID.randomUUID()));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("detail")).contains("no district holds that member");
    }

    /**
     * Regression (found while building the scope matrix): a transfer inside the district completes at once, and
     * community staff moved their members' membership into another community, outside their scope.
     */
    @Test
    void aTransferInsideTheDistrictNeedsTheScopeOfBothOrganisations() {
        String street = fx.street();
        String mine = fx.community(street);
        String theirs = fx.community(street);
        String member = fx.member(mine, mine);
        Map<String, Object> toTheirs = Map.of("toDistrict", "xiangcheng", "toOrganisationId", theirs, "version", 1);
        long transfers = xc.rows("transfer");

        Response refused = xc.api.post("/api/v1/members/" + member + "/transfers",
                xc.staff(Role.COMMUNITY_STAFF, mine), toTheirs);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
        assertThat(xc.rows("transfer")).isEqualTo(transfers);
        assertThat(xc.api.get("/api/v1/members/" + member, xc.admin()).text("homeOrganisationId")).isEqualTo(mine);

        Response moved = xc.api.post("/api/v1/members/" + member + "/transfers", xc.staff(Role.STREET_STAFF, street),
                toTheirs);
        assertThat(moved.status()).isEqualTo(201);
        assertThat(xc.api.get("/api/v1/members/" + member, xc.admin()).text("homeOrganisationId")).isEqualTo(theirs);
    }
}
