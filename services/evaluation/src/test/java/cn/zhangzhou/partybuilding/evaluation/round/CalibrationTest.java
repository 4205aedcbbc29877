package cn.zhangzhou.partybuilding.evaluation.round;

import static cn.zhangzhou.partybuilding.evaluation.testing.RunningEvaluation.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.evaluation.testing.RunningEvaluation;
import cn.zhangzhou.partybuilding.events.evaluation.EvaluationEvents;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventTap;
import tools.jackson.databind.JsonNode;

/**
 * After the close: the level above calibrates a score with a mandatory reason (the computed score and every override
 * stay in the trail, ranks follow), the district grades within the quota (at most a fifth 优秀), and the 创先争优 list
 * names the best and the excellent.
 */
class CalibrationTest {

    private static final RunningEvaluation e = RunningEvaluation.get();
    private static final int YEAR = 2034;

    @Test
    void calibrationGradesWithinTheQuotaAndHonours() {
        UUID street = e.feed.street();
        UUID a = e.feed.community(street);
        UUID b = e.feed.community(street);
        String round = require(e.api.post("/api/v1/rounds", e.admin(), Map.of("year", YEAR, "level", "COMMUNITY",
                "weights", Map.of("self", 0, "mutual", 0, "assessment", 100, "members", 0, "residents", 0,
                        "objective", 0))), 201).id();
        String path = "/api/v1/rounds/" + round;
        require(e.api.post(path + "/assessments", e.streetStaff(street), Map.of("organisationId", a, "score", 90)),
                204);
        require(e.api.post(path + "/assessments", e.streetStaff(street), Map.of("organisationId", b, "score", 80)),
                204);
        require(e.api.post(path + "/close", e.admin(), Map.of("version", 1)), 200);

        try (EventTap tap = EventTap.open(e.topic())) {
            String calibration = path + "/scores/" + b + "/calibration";
            assertThat(e.api.post(calibration, e.staff(b), Map.of("score", 95, "reason", "自己说好")).status())
                    .isEqualTo(403);
            Api.Response noReason = e.api.post(calibration, e.streetStaff(street), Map.of("score", 95));
            assertThat(noReason.status()).isEqualTo(400);
            assertThat(noReason.raw()).contains("reason");
            assertThat(e.api.post(calibration, e.streetStaff(street), Map.of("score", 95.125, "reason", "x"))
                    .status()).isEqualTo(400);
            require(e.api.post(calibration, e.streetStaff(street), Map.of("score", 95, "reason", "核查发现台账漏记")),
                    200);
            JsonNode b2 = require(e.api.post(calibration, e.admin(), Map.of("score", 91.5, "reason", "区委复核")), 200)
                    .body();
            assertThat(b2.path("score").decimalValue()).isEqualByComparingTo("91.50");
            assertThat(b2.path("computed").path("score").decimalValue()).isEqualByComparingTo("80.00");
            JsonNode trail = b2.path("calibrations");
            assertThat(trail.size()).isEqualTo(2);
            assertThat(trail.get(0).path("previous").decimalValue()).isEqualByComparingTo("80.00");
            assertThat(trail.get(0).path("score").decimalValue()).isEqualByComparingTo("95.00");
            assertThat(trail.get(0).path("reason").asString()).isEqualTo("核查发现台账漏记");
            assertThat(trail.get(1).path("previous").decimalValue()).isEqualByComparingTo("95.00");
            assertThat(trail.get(1).path("calibratedBy").asString()).isNotBlank();
            // B now ranks above A.
            int rankA = require(e.api.get(path + "/scores/" + a, e.admin()), 200).body().path("rank").asInt();
            assertThat(b2.path("rank").asInt()).isLessThan(rankA);
            assertThat(EventTap.payload(tap.awaitType(EvaluationEvents.SCORE_CALIBRATED.ceType(), round)))
                    .contains(b.toString(), "\"computedScore\":80.00");
        }

        // At most a fifth 优秀, rounded down: one more is 422 naming the quota, and nothing is graded.
        JsonNode all = require(e.api.get(path + "/scores", e.admin()), 200).body();
        int quota = all.size() / 5;
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= quota; i++) {
            tooMany.add(Map.of("organisationId", all.get(i).path("organisationId").asString(), "grade", "EXCELLENT"));
        }
        Api.Response refused = e.api.post(path + "/grades", e.admin(), Map.of("grades", tooMany));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.raw()).contains("grades", "EXCELLENT", "at most " + quota);
        assertThat(e.rows("score where round_id = '" + round + "' and grade is not null")).isZero();
        assertThat(e.api.post(path + "/grades", e.streetStaff(street), Map.of("grades",
                List.of(Map.of("organisationId", a, "grade", "GOOD")))).status()).isEqualTo(403);
        require(e.api.post(path + "/grades", e.admin(), Map.of("grades", List.of(
                Map.of("organisationId", b, "grade", "EXCELLENT"), Map.of("organisationId", a, "grade", "GOOD")))),
                200);

        // 创先争优: the best two and every 优秀, for the district's staff and members.
        JsonNode honours = require(e.api.get(path + "/honours?top=2", e.member(e.feed.member(a))), 200).body();
        assertThat(honours.toString()).contains(b.toString());
        assertThat(honours.get(0).path("rank").asInt()).isEqualTo(1);
        assertThat(honours.valueStream().filter(h -> h.path("organisationId").asString().equals(b.toString()))
                .findFirst().orElseThrow().path("grade").asString()).isEqualTo("EXCELLENT");
        assertThat(e.api.get(path + "/honours", e.member("longwen", UUID.randomUUID())).status()).isEqualTo(403);
    }
}
