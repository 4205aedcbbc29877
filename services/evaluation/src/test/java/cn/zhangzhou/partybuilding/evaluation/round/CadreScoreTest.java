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
import cn.zhangzhou.partybuilding.events.membership.CadreRole;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventTap;
import tools.jackson.databind.JsonNode;

/**
 * A cadre's year-end score (decision 0027): their organisation's score and the level above's assessment of the cadre,
 * 50/50 by default, renormalised when one is missing; ranked among the round's cadres; seen by staff in scope only,
 * never an event; and the cadre's own score sets their performance award on next year's pay sheet.
 */
class CadreScoreTest {

    private static final RunningEvaluation e = RunningEvaluation.get();
    private static final int YEAR = 2028;

    private final UUID street = e.feed.street();
    private final UUID a = e.feed.community(street);
    private final UUID b = e.feed.community(street);

    @Test
    void cadresAreScoredFromTheirOrganisationAndTheirAssessmentSeenInScopeAndPaidByTheirOwnScore() {
        UUID headA = cadre(a, CadreRole.HEAD);
        UUID memberA = cadre(a, CadreRole.MEMBER);
        UUID headB = cadre(b, CadreRole.HEAD);
        UUID streetCadre = e.feed.member(RunningEvaluation.DISTRICT, a, CadreRole.HEAD, street);
        e.feed.awaitRow("cadre where member_id = '" + streetCadre + "'");
        UUID notACadre = e.feed.member(a);
        String round = require(e.api.post("/api/v1/rounds", e.admin(), Map.of("year", YEAR, "level", "COMMUNITY",
                "weights", Map.of("self", 0, "mutual", 0, "assessment", 100, "members", 0, "residents", 0,
                        "objective", 0))), 201).id();
        String path = "/api/v1/rounds/" + round;
        require(e.api.post(path + "/assessments", e.streetStaff(street), Map.of("organisationId", a, "score", 90)),
                204);
        require(e.api.post(path + "/assessments", e.streetStaff(street), Map.of("organisationId", b, "score", 70)),
                204);

        String assess = path + "/cadre-assessments";
        // Only the level above the cadre's organisation assesses them, once; bad input names its field.
        assertThat(e.api.post(assess, e.staff(a), Map.of("memberId", headA, "score", 99)).status()).isEqualTo(403);
        assertThat(e.api.post(assess, e.staff(b), Map.of("memberId", headA, "score", 99)).status()).isEqualTo(403);
        require(e.api.post(assess, e.streetStaff(street), Map.of("memberId", headA, "score", 80)), 204);
        assertThat(e.api.post(assess, e.admin(), Map.of("memberId", headA, "score", 10)).status()).isEqualTo(409);
        require(e.api.post(assess, e.admin(), Map.of("memberId", headB, "score", 60)), 204);
        Api.Response tooHigh = e.api.post(assess, e.streetStaff(street), Map.of("memberId", memberA, "score", 101));
        assertThat(tooHigh.status()).isEqualTo(400);
        assertThat(tooHigh.raw()).contains("score");
        assertThat(e.api.post(assess, e.streetStaff(street), Map.of("score", 50)).raw()).contains("memberId");
        assertThat(e.api.post(assess, e.streetStaff(street), Map.of("memberId", notACadre, "score", 50)).status())
                .isEqualTo(404);
        assertThat(e.api.post(assess, e.streetStaff(street), Map.of("memberId", UUID.randomUUID(), "score", 50))
                .status()).isEqualTo(404);
        Api.Response wrongLevel = e.api.post(assess, e.admin(), Map.of("memberId", streetCadre, "score", 50));
        assertThat(wrongLevel.status()).isEqualTo(422);
        assertThat(wrongLevel.raw()).contains("memberId");
        // Nothing is seen before the close.
        assertThat(e.api.get(path + "/cadre-scores", e.admin()).status()).isEqualTo(409);

        try (EventTap tap = EventTap.open(e.topic())) {
            require(e.api.post(path + "/close", e.admin(), Map.of("version", 1)), 200);
            tap.awaitType(EvaluationEvents.ROUND_CLOSED.ceType(), round);
            // Personnel data: no event of the round names a cadre.
            assertThat(tap.seenFor(round)).extracting(EventTap::payload)
                    .noneMatch(p -> p.contains(headA.toString()) || p.contains(memberA.toString()));
        }
        assertThat(e.api.post(assess, e.streetStaff(street), Map.of("memberId", memberA, "score", 50)).status())
                .isEqualTo(409);

        // Head of A: (90 + 80) / 2; member of A: not assessed, so A's 90 alone; head of B: (70 + 60) / 2.
        JsonNode all = require(e.api.get(path + "/cadre-scores", e.streetStaff(street)), 200).body();
        assertThat(lines(all)).containsExactly(memberA + " 90.00 1", headA + " 85.00 2", headB + " 65.00 3");
        assertThat(lines(require(e.api.get(path + "/cadre-scores", e.staff(a)), 200).body()))
                .containsExactly(memberA + " 90.00 1", headA + " 85.00 2");
        assertThat(lines(require(e.api.get(path + "/cadre-scores", e.staff(b)), 200).body()))
                .containsExactly(headB + " 65.00 3");
        assertThat(e.api.get(path + "/cadre-scores", e.member(notACadre)).status()).isEqualTo(403);

        JsonNode explained = require(e.api.get(path + "/cadre-scores/" + headA, e.staff(a)), 200).body();
        assertThat(explained.path("score").decimalValue()).isEqualByComparingTo("85.00");
        assertThat(explained.path("role").asString()).isEqualTo("HEAD");
        JsonNode parts = explained.path("parts");
        assertThat(parts.get(0).path("source").asString()).isEqualTo("ORGANISATION");
        assertThat(parts.get(0).path("value").decimalValue()).isEqualByComparingTo("90.00");
        assertThat(parts.get(0).path("share").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(parts.get(1).path("source").asString()).isEqualTo("ASSESSMENT");
        assertThat(parts.get(1).path("value").decimalValue()).isEqualByComparingTo("80.00");
        JsonNode memberParts = require(e.api.get(path + "/cadre-scores/" + memberA, e.streetStaff(street)), 200)
                .body().path("parts");
        assertThat(memberParts.get(0).path("share").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(memberParts.get(1).path("reported").asBoolean()).isFalse();
        assertThat(e.api.get(path + "/cadre-scores/" + headA, e.staff(b)).status()).isEqualTo(403);
        assertThat(e.api.get(path + "/cadre-scores/" + notACadre, e.admin()).status()).isEqualTo(404);

        // Next year's pay: each cadre's award from their own score — 300 + 200 × (score − 60) / 35.
        JsonNode march = require(e.api.get("/api/v1/pay-sheets?communityId=" + a + "&month=" + (YEAR + 1) + "-03",
                e.staff(a)), 200).body();
        assertThat(march.path("awardYuan").asInt()).isEqualTo(471);
        Map<String, Integer> awards = Map.of(headA.toString(), 443, memberA.toString(), 471);
        for (JsonNode line : march.path("lines")) {
            assertThat(line.path("awardYuan").asInt()).isEqualTo(awards.get(line.path("memberId").asString()));
        }
        assertThat(require(e.api.get("/api/v1/pay-sheets.csv?communityId=" + a + "&month=" + (YEAR + 1) + "-03",
                e.staff(a)), 200).raw()).contains(headA + ",HEAD,160,3136.00,85.00,443,0,3579.00\r\n");
    }

    private UUID cadre(UUID community, CadreRole role) {
        UUID member = e.feed.member(RunningEvaluation.DISTRICT, community, role, community);
        e.feed.awaitRow("cadre where member_id = '" + member + "'");
        return member;
    }

    private static List<String> lines(JsonNode ranking) {
        List<String> lines = new ArrayList<>();
        ranking.forEach(c -> lines.add(c.path("memberId").asString() + " " + c.path("score").decimalValue().setScale(2) + " "
                + c.path("rank").asInt()));
        return lines;
    }
}
