package cn.zhangzhou.partybuilding.dashboard.figures;

import static cn.zhangzhou.partybuilding.dashboard.testing.ArticleCity.LONGWEN;
import static cn.zhangzhou.partybuilding.dashboard.testing.ArticleCity.XIANGCHENG;
import static cn.zhangzhou.partybuilding.dashboard.testing.ArticleCity.ZHANGPU;
import static cn.zhangzhou.partybuilding.testing.DistrictFixture.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cn.zhangzhou.partybuilding.dashboard.testing.ArticleCity;
import cn.zhangzhou.partybuilding.dashboard.testing.RunningDashboard;
import cn.zhangzhou.partybuilding.testing.Api;

/** The article's figures (docs/domain.md), read from the dashboard's API after the districts' events. */
class ArticleFiguresTest {

    private static final RunningDashboard d = RunningDashboard.get();
    private static final ArticleCity city = d.city;

    @Test
    void twoHundredSixtyFourCommunityOrganisationsCityWide() {
        JsonNode view = require(d.api.get("/api/v1/city", d.cityAdmin()), 200).body();
        assertThat(view.at("/total/communities").asLong()).isEqualTo(264);
        assertThat(names(view.get("children"))).containsExactly("xiangcheng", "longwen", "longhai", "changtai",
                "zhangpu", "yunxiao", "zhaoan", "dongshan", "nanjing", "pinghe", "huaan");
        assertThat(child(view, XIANGCHENG).get("communities").asLong()).isEqualTo(54);
        assertThat(child(view, "huaan").get("communities").asLong()).isEqualTo(14);
    }

    @Test
    void eightyThreeGridsAndTwoHundredFortyEightGroupsInXiangcheng() {
        JsonNode view = require(d.api.get("/api/v1/districts/xiangcheng", d.admin()), 200).body();
        assertThat(view.at("/total/grids").asLong()).isEqualTo(83);
        assertThat(view.at("/total/partyGroups").asLong()).isEqualTo(248);
        // Drill-down: the streets add up to the district (every grid is under a community of a street).
        assertThat(sum(view, "grids")).isEqualTo(83);
        assertThat(sum(view, "partyGroups")).isEqualTo(248);
        assertThat(names(view.get("children"))).contains("南坑街道", "新桥街道", "西桥街道");
    }

    @Test
    void twentyNineCommunityWorkersSixteenInTheTwoCommittees() {
        long workers = 0;
        long inCommittees = 0;
        for (String district : List.of(XIANGCHENG, LONGWEN)) {
            JsonNode total = require(d.api.get("/api/v1/districts/" + district, d.admin(district)), 200).body()
                    .get("total");
            workers += total.get("communityWorkers").asLong();
            inCommittees += total.get("communityWorkersInCommittees").asLong();
        }
        assertThat(workers).isEqualTo(29);
        assertThat(inCommittees).isEqualTo(16);
    }

    @Test
    void chengxiIn2015ClaimedOneHundredFiftyWishesAndHelpedThirtyFiveResidents() {
        JsonNode total = require(d.api.get("/api/v1/organisations/" + city.chengxi + "?from=2015-01-01&to=2015-12-31",
                d.staff(ZHANGPU, city.chengxi)), 200).body().get("total");
        assertThat(total.get("name").asString()).isEqualTo("城西社区");
        assertThat(total.get("wishesClaimed").asLong()).isEqualTo(150);
        assertThat(total.get("residentsHelped").asLong()).isEqualTo(35);
        assertThat(total.get("wishesConfirmed").asLong()).isEqualTo(150);
        // Without a range, 2016's wishes count too; its street (绥安镇) shows the community as a child.
        JsonNode all = require(d.api.get("/api/v1/organisations/" + city.chengxi, d.admin(ZHANGPU)), 200).body();
        assertThat(all.at("/total/wishesClaimed").asLong()).isEqualTo(154);
        assertThat(all.at("/total/wishesPosted").asLong()).isEqualTo(154);
        JsonNode street = require(d.api.get("/api/v1/organisations/" + city.suian + "?from=2015-01-01&to=2015-12-31",
                d.streetStaff(ZHANGPU, city.suian)), 200).body();
        assertThat(child(street, city.chengxi.toString()).get("wishesClaimed").asLong()).isEqualTo(150);
    }

    @Test
    void everyTableIsAlsoCsv() {
        Api.Response csv = require(d.api.get("/api/v1/city.csv", d.cityAdmin()), 200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.raw().replace("\uFEFF", "").split("\r\n");
        assertThat(lines[0]).startsWith("scope,name,communities,grids,partyGroups,members,");
        assertThat(lines[1]).startsWith("city,city,264,83,248,");
        assertThat(lines).hasSize(1 + 1 + 11);
        String street = require(d.api.get("/api/v1/organisations/" + city.suian + ".csv?from=2015-01-01&to=2015-12-31",
                d.admin(ZHANGPU)), 200).raw();
        assertThat(street).contains("城西社区");
    }

    private static JsonNode child(JsonNode view, String scope) {
        return StreamSupport.stream(view.get("children").spliterator(), false)
                .filter(c -> c.get("scope").asString().equals(scope)).findFirst().orElseThrow();
    }

    private static long sum(JsonNode view, String figure) {
        return StreamSupport.stream(view.get("children").spliterator(), false).mapToLong(c -> c.get(figure).asLong())
                .sum();
    }

    private static List<String> names(JsonNode children) {
        return StreamSupport.stream(children.spliterator(), false).map(c -> c.get("name").asString()).toList();
    }
}
