package cn.zhangzhou.partybuilding.dashboard.figures;

import static cn.zhangzhou.partybuilding.testing.DistrictFixture.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cn.zhangzhou.partybuilding.dashboard.testing.ArticleCity;
import cn.zhangzhou.partybuilding.dashboard.testing.DistrictEvents;
import cn.zhangzhou.partybuilding.dashboard.testing.RunningDashboard;
import cn.zhangzhou.partybuilding.events.evaluation.EvaluationEvents;
import cn.zhangzhou.partybuilding.events.evaluation.RoundLevel;
import cn.zhangzhou.partybuilding.events.evaluation.ScoreCalibrated;

/** 创先争优: a district's published scores and ranks of a year, a calibration replacing the computed score. */
class RankingsTest {

    private static final RunningDashboard d = RunningDashboard.get();
    private static final String X = ArticleCity.XIANGCHENG;

    @Test
    void scoresAndRanksOfTheYearBestFirstWithCalibrations() {
        UUID round = UUID.randomUUID();
        List<UUID> communities = d.city.communities.get(X);
        DistrictEvents.scored(X, round, communities.get(10), 2019, "88.50", 2);
        DistrictEvents.scored(X, round, communities.get(11), 2019, "91.25", 1);
        DistrictEvents.send(X, EvaluationEvents.SERVICE, EvaluationEvents.SCORE_CALIBRATED, new ScoreCalibrated(round,
                2019, RoundLevel.COMMUNITY, communities.get(10), null, null, new java.math.BigDecimal("92.00"), 1,
                "实地核查后上调"), Instant.now());
        DistrictEvents.send(X, EvaluationEvents.SERVICE, EvaluationEvents.SCORE_CALIBRATED, new ScoreCalibrated(round,
                2019, RoundLevel.COMMUNITY, communities.get(11), null, null, new java.math.BigDecimal("91.25"), 2,
                "名次随之调整"), Instant.now());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode page = require(d.api.get("/api/v1/districts/xiangcheng/rankings?year=2019", d.admin()), 200)
                    .body();
            assertThat(page.get("totalItems").asLong()).isEqualTo(2);
            JsonNode ranks = page.get("items");
            assertThat(ranks.get(0).get("organisationId").asString()).isEqualTo(communities.get(10).toString());
            assertThat(ranks.get(0).get("score").decimalValue()).isEqualByComparingTo("92.00");
            assertThat(ranks.get(1).get("rank").asInt()).isEqualTo(2);
        });
        JsonNode second = require(d.api.get("/api/v1/districts/xiangcheng/rankings?year=2019&page=1&size=1",
                d.admin()), 200).body();
        assertThat(second.at("/items/0/organisationId").asString()).isEqualTo(communities.get(11).toString());
        assertThat(second.get("totalPages").asLong()).isEqualTo(2);
        assertThat(require(d.api.get("/api/v1/districts/xiangcheng/rankings?year=2018", d.admin()), 200).body()
                .get("items").size()).isZero();
        String csv = require(d.api.get("/api/v1/districts/xiangcheng/rankings.csv?year=2019", d.cityAdmin()), 200).raw();
        assertThat(csv).contains("COMMUNITY,1," + communities.get(10) + ",xiangcheng第11社区,92.00," + round);
    }
}
