package cn.zhangzhou.partybuilding.membership.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.testing.Api.Response;
import cn.zhangzhou.partybuilding.testing.EventTap;
import cn.zhangzhou.partybuilding.membership.testing.Fixtures;
import cn.zhangzhou.partybuilding.membership.testing.RunningDistrict;
import cn.zhangzhou.partybuilding.support.security.Role;

class PlacementTest {

    private final RunningDistrict xc = RunningDistrict.xiangcheng();
    private final Fixtures fx = new Fixtures(xc);

    @Test
    void placesAndMovesAResidentWithinTheirCommunity() {
        String community = fx.community(fx.street());
        String grid = fx.grid(community);
        String g1 = fx.partyGroup(grid);
        String g2 = fx.partyGroup(fx.grid(community));
        String member = fx.member(community, community);
        String staff = xc.staff(Role.COMMUNITY_STAFF, community);

        try (EventTap tap = EventTap.open(xc.topic())) {
            Response placed = xc.api.put("/api/v1/placements/" + member, staff, Map.of("partyGroupId", g1));
            assertThat(placed.status()).as(placed.toString()).isEqualTo(200);
            assertThat(placed.text("gridId")).isEqualTo(grid);
            assertThat(placed.text("communityId")).isEqualTo(community);
            tap.awaitType("zz.membership.MemberPlaced.v1", "placement:" + member);

            Response again = xc.api.put("/api/v1/placements/" + member, staff, Map.of("partyGroupId", g2));
            assertThat(again.status()).isEqualTo(409);

            Response moved = xc.api.put("/api/v1/placements/" + member, staff, Map.of("partyGroupId", g2, "version", 1));
            assertThat(moved.status()).isEqualTo(200);
            assertThat(moved.version()).isEqualTo(2);
            assertThat(EventTap.payload(tap.awaitType("zz.membership.MemberPlacementMoved.v1", "placement:" + member)))
                    .contains("\"fromPartyGroupId\":\"" + g1 + "\"");

            Response stale = xc.api.put("/api/v1/placements/" + member, staff, Map.of("partyGroupId", g1, "version", 1));
            assertThat(stale.status()).isEqualTo(409);
        }
    }

    @Test
    void refusesAGroupOfAnotherCommunityAndNonGroups() {
        String street = fx.street();
        String home = fx.community(street);
        String elsewhere = fx.community(street);
        String foreignGroup = fx.partyGroup(fx.grid(elsewhere));
        String grid = fx.grid(home);
        String member = fx.member(home, home);
        Response wrongCommunity = xc.api.put("/api/v1/placements/" + member, xc.admin(),
                Map.of("partyGroupId", foreignGroup));
        assertThat(wrongCommunity.status()).isEqualTo(422);
        assertThat(wrongCommunity.raw()).contains("does not live");
        assertThat(xc.api.put("/api/v1/placements/" + member, xc.admin(), Map.of("partyGroupId", grid)).status())
                .isEqualTo(422);
        assertThat(xc.api.put("/api/v1/placements/" + UUID.randomUUID(), xc.admin(),
                Map.of("partyGroupId", fx.partyGroup(grid))).status()).isEqualTo(404);
    }

    @Test
    void staffOfAnotherCommunityCannotPlace() {
        String street = fx.street();
        String home = fx.community(street);
        String other = fx.community(street);
        String group = fx.partyGroup(fx.grid(home));
        String member = fx.member(home, home);
        Response response = xc.api.put("/api/v1/placements/" + member, xc.staff(Role.COMMUNITY_STAFF, other),
                Map.of("partyGroupId", group));
        assertThat(response.status()).isEqualTo(403);
        assertThat(xc.api.get("/api/v1/placements/" + member, xc.admin()).status()).isEqualTo(404);
    }

    /** Regression (issue 12): staff of another community or street of the district read any placement. */
    @Test
    void aPlacementIsReadOnlyByTheMemberAndStaffWhoseScopeCoversItsCommunity() {
        String street = fx.street();
        String community = fx.community(street);
        String neighbourCommunity = fx.community(street);
        String otherStreet = fx.street();
        String member = fx.member(community, community);
        String neighbour = fx.member(community, community);
        assertThat(xc.api.put("/api/v1/placements/" + member, xc.admin(),
                Map.of("partyGroupId", fx.partyGroup(fx.grid(community)))).status()).isEqualTo(200);
        String path = "/api/v1/placements/" + member;

        assertThat(xc.api.get(path, xc.admin()).status()).isEqualTo(200);
        assertThat(xc.api.get(path, xc.staff(Role.STREET_STAFF, street)).status()).isEqualTo(200);
        assertThat(xc.api.get(path, xc.staff(Role.COMMUNITY_STAFF, community)).status()).isEqualTo(200);
        assertThat(xc.api.get(path, xc.member(member)).text("communityId")).isEqualTo(community);

        for (String outsider : new String[] {xc.staff(Role.COMMUNITY_STAFF, neighbourCommunity),
                xc.staff(Role.STREET_STAFF, otherStreet), xc.member(neighbour)}) {
            Response refused = xc.api.get(path, outsider);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.isProblem()).isTrue();
            assertThat(refused.raw()).doesNotContain(community);
        }
    }

    @Test
    void coverageCountsResidentsPlacedAndListsTheUnplaced() {
        String street = fx.street();
        String c1 = fx.community(street);
        String c2 = fx.community(street);
        String group1 = fx.partyGroup(fx.grid(c1));
        String a = fx.member(c1, c1);
        String b = fx.member(c1, c1);
        String c = fx.member(c2, c2);
        // held in c1 but living in c2: a resident of c2
        String d = fx.member(c1, c2);
        xc.api.put("/api/v1/placements/" + a, xc.admin(), Map.of("partyGroupId", group1));

        Response community = xc.api.get("/api/v1/coverage/" + c1, xc.staff(Role.COMMUNITY_STAFF, c1));
        assertThat(community.status()).isEqualTo(200);
        assertThat(community.body().path("residents").asLong()).isEqualTo(2);
        assertThat(community.body().path("placed").asLong()).isEqualTo(1);
        assertThat(community.body().path("unplaced").asLong()).isEqualTo(1);
        assertThat(community.body().path("unplacedMembers").path("items").get(0).path("memberId").asString())
                .isEqualTo(b);

        Response streetView = xc.api.get("/api/v1/coverage/" + street, xc.admin());
        assertThat(streetView.body().path("residents").asLong()).isEqualTo(4);
        assertThat(streetView.body().path("unplaced").asLong()).isEqualTo(3);
        assertThat(streetView.body().path("unplacedMembers").path("items").findValuesAsString("memberId"))
                .containsExactlyInAnyOrder(b, c, d);

        Response district = xc.api.get("/api/v1/coverage/" + xc.root(), xc.admin());
        assertThat(district.body().path("residents").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(xc.api.get("/api/v1/coverage/" + c2, xc.staff(Role.COMMUNITY_STAFF, c1)).status()).isEqualTo(403);
    }

    @Test
    void coverageIsForCommunitiesStreetsAndTheDistrictOnly() {
        String grid = fx.grid(fx.community(fx.street()));
        assertThat(xc.api.get("/api/v1/coverage/" + grid, xc.admin()).status()).isEqualTo(422);
    }
}
