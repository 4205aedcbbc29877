package cn.zhangzhou.partybuilding.membership.statistics;

import static cn.zhangzhou.partybuilding.membership.testing.RunningDistrict.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.membership.testing.Fixtures;
import cn.zhangzhou.partybuilding.membership.testing.RunningDistrict;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.testing.Api.Response;

/** The district's figures from its own data, and the city's communities from the other districts' events. */
class StatisticsTest {

    private static final List<String> FIGURES = List.of("communities", "grids", "partyGroups", "members",
            "placedMembers", "communityWorkers", "communityWorkersInCommittees", "unitReportsAccepted",
            "memberReportsAccepted");

    private final RunningDistrict xc = RunningDistrict.xiangcheng();
    private final RunningDistrict lw = RunningDistrict.longwen();
    private final Fixtures fx = new Fixtures(xc);

    @Test
    void districtFiguresCountWhatTheDistrictHolds() {
        Response before = xc.api.get("/api/v1/statistics", xc.admin());
        String street = fx.street();
        String community = fx.community(street);
        String group = fx.partyGroup(fx.grid(community));
        Map<String, Object> worker = fx.memberBody(community, "xiangcheng", community, "IN_SERVICE");
        worker.put("communityWorker", true);
        worker.put("cadreRole", "DEPUTY");
        String member = xc.api.post("/api/v1/members", xc.admin(), worker).id();
        assertThat(xc.api.put("/api/v1/placements/" + member, xc.admin(), Map.of("partyGroupId", group)).status())
                .isEqualTo(200);
        String unit = fx.organisation("RESIDENT_UNIT", street, "某单位党支部");
        String unitReport = xc.api.post("/api/v1/unit-reports", xc.admin(),
                Map.of("unitOrganisationId", unit, "communityId", community)).id();
        assertThat(xc.api.post("/api/v1/unit-reports/" + unitReport + "/accept", xc.admin(), null).status())
                .isEqualTo(200);
        String memberReport = xc.api.post("/api/v1/member-reports", xc.admin(),
                Map.of("memberId", member, "communityId", community)).id();
        assertThat(xc.api.post("/api/v1/member-reports/" + memberReport + "/accept", xc.admin(), null).status())
                .isEqualTo(200);

        Response after = xc.api.get("/api/v1/statistics", xc.staff(Role.COMMUNITY_STAFF, community));
        assertThat(after.status()).as(after.toString()).isEqualTo(200);
        assertThat(after.text("district")).isEqualTo("xiangcheng");
        for (String figure : FIGURES) {
            assertThat(after.body().path(figure).asLong()).as(figure)
                    .isEqualTo(before.body().path(figure).asLong() + 1);
        }
        assertThat(xc.api.get("/api/v1/statistics", xc.member(member)).status()).isEqualTo(403);
    }

    @Test
    void cityCommunitiesAddTheOtherDistrictsFromTheirEvents() {
        long longwenBefore = xc.api.get("/api/v1/statistics/city/communities", xc.admin()).body()
                .path("communitiesByDistrict").path("longwen").asLong();
        Fixtures longwen = new Fixtures(lw);
        longwen.community(longwen.street());
        Response city = eventually(() -> xc.api.get("/api/v1/statistics/city/communities", xc.admin()), 200,
                r -> r.body().path("communitiesByDistrict").path("longwen").asLong() == longwenBefore + 1);
        long own = xc.api.get("/api/v1/statistics", xc.admin()).body().path("communities").asLong();
        assertThat(city.body().path("communitiesByDistrict").path("xiangcheng").asLong()).isEqualTo(own);
        long sum = 0;
        for (var count : city.body().path("communitiesByDistrict")) {
            sum += count.asLong();
        }
        assertThat(city.body().path("total").asLong()).isEqualTo(sum);
    }
}
