package cn.zhangzhou.partybuilding.evaluation.guarantee;

import static cn.zhangzhou.partybuilding.evaluation.testing.RunningEvaluation.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.evaluation.testing.RunningEvaluation;
import cn.zhangzhou.partybuilding.events.membership.CadreRole;
import cn.zhangzhou.partybuilding.testing.Api;
import tools.jackson.databind.JsonNode;

/**
 * 保障: every community's work and mass-service funds against their ¥50,000 floor (allocated by the level above, spent
 * by the community within the balance), and its cadres' monthly pay — 160 / 150 / 140 % of the minimum wage by role, an
 * award of ¥300–500 linear in last year's score, a certified social worker's allowance — as JSON and CSV.
 */
class GuaranteeTest {

    private static final RunningEvaluation e = RunningEvaluation.get();
    private static final int YEAR = 2037;

    private final UUID street = e.feed.street();
    private final UUID a = e.feed.community(street);
    private final UUID b = e.feed.community(street);

    private Api.Response entry(String token, UUID community, String fund, String entry, long amount) {
        return e.api.post("/api/v1/funds", token, Map.of("communityId", community, "year", YEAR, "fund", fund,
                "entry", entry, "amountYuan", amount, "note", "2037年度经费"));
    }

    @Test
    void fundsAreAllocatedAboveSpentWithinTheBalanceAndFlaggedUnderTheFloor() {
        assertThat(entry(e.staff(a), a, "WORK", "ALLOCATION", 60_000).status()).isEqualTo(403);
        require(entry(e.streetStaff(street), a, "WORK", "ALLOCATION", 60_000), 201);
        require(entry(e.admin(), a, "MASS_SERVICE", "ALLOCATION", 30_000), 201);
        require(entry(e.staff(a), a, "MASS_SERVICE", "SPENDING", 10_000), 201);
        Api.Response over = entry(e.staff(a), a, "MASS_SERVICE", "SPENDING", 25_000);
        assertThat(over.status()).isEqualTo(422);
        assertThat(over.raw()).contains("amountYuan", "20000");

        JsonNode funds = require(e.api.get("/api/v1/funds?communityId=" + a + "&year=" + YEAR, e.staff(a)), 200)
                .body().path("funds");
        assertThat(funds.get(0).path("belowFloor").asBoolean()).isFalse();
        assertThat(funds.get(1).path("allocatedYuan").asLong()).isEqualTo(30_000);
        assertThat(funds.get(1).path("balanceYuan").asLong()).isEqualTo(20_000);
        assertThat(funds.get(1).path("belowFloor").asBoolean()).isTrue();
        assertThat(e.api.get("/api/v1/funds?communityId=" + a + "&year=" + YEAR, e.staff(b)).status()).isEqualTo(403);

        String below = require(e.api.get("/api/v1/funds/below-floor?organisationId=" + street + "&year=" + YEAR,
                e.streetStaff(street)), 200).raw();
        assertThat(below).contains("{\"communityId\":\"" + a + "\",\"fund\":\"MASS_SERVICE\",\"allocatedYuan\":30000",
                "{\"communityId\":\"" + b + "\",\"fund\":\"WORK\",\"allocatedYuan\":0",
                "{\"communityId\":\"" + b + "\",\"fund\":\"MASS_SERVICE\",\"allocatedYuan\":0")
                .doesNotContain("{\"communityId\":\"" + a + "\",\"fund\":\"WORK\"");
    }

    @Test
    void aMonthlyPaySheetByRoleWithTheAwardFromLastYearsScoreAndTheSocialWorkersAllowance() {
        UUID head = cadre(CadreRole.HEAD);
        UUID deputy = cadre(CadreRole.DEPUTY);
        UUID member = cadre(CadreRole.MEMBER);
        assertThat(e.api.put("/api/v1/cadres/" + deputy + "/social-worker", e.staff(b),
                Map.of("certifiedOn", "2037-02-10")).status()).isEqualTo(403);
        require(e.api.put("/api/v1/cadres/" + deputy + "/social-worker", e.staff(a),
                Map.of("certifiedOn", "2037-02-10")), 204);
        // Last year's round: the street assessed A at 81.
        String round = require(e.api.post("/api/v1/rounds", e.admin(), Map.of("year", YEAR - 1, "level", "COMMUNITY",
                "weights", Map.of("self", 0, "mutual", 0, "assessment", 100, "members", 0, "residents", 0,
                        "objective", 0))), 201).id();
        require(e.api.post("/api/v1/rounds/" + round + "/assessments", e.streetStaff(street),
                Map.of("organisationId", a, "score", 81)), 204);
        require(e.api.post("/api/v1/rounds/" + round + "/close", e.admin(), Map.of("version", 1)), 200);

        // Award: 300 + 200 × (81 − 60) / (95 − 60) = 420.
        JsonNode march = require(e.api.get("/api/v1/pay-sheets?communityId=" + a + "&month=2037-03", e.staff(a)), 200)
                .body();
        assertThat(march.path("awardYuan").asInt()).isEqualTo(420);
        assertThat(march.path("yearEndScore").decimalValue()).isEqualByComparingTo("81.00");
        Map<String, String> totals = Map.of(head.toString(), "3556.00", deputy.toString(), "3560.00",
                member.toString(), "3164.00");
        for (JsonNode line : march.path("lines")) {
            assertThat(line.path("totalYuan").decimalValue())
                    .isEqualByComparingTo(totals.get(line.path("memberId").asString()));
        }
        assertThat(march.path("totalYuan").decimalValue()).isEqualByComparingTo("10280.00");
        // Before the certification, no allowance.
        JsonNode january = require(e.api.get("/api/v1/pay-sheets?communityId=" + a + "&month=2037-01", e.staff(a)),
                200).body();
        assertThat(january.path("totalYuan").decimalValue()).isEqualByComparingTo("10080.00");

        Api.Response csv = require(e.api.get("/api/v1/pay-sheets.csv?communityId=" + a + "&month=2037-03",
                e.streetStaff(street)), 200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment", ".csv");
        assertThat(csv.raw()).startsWith("\uFEFFmonth,community_id,member_id,role,")
                .contains("2037-03," + a + "," + head + ",HEAD,160,3136.00,81.00,420,0,3556.00\r\n")
                .contains(deputy + ",DEPUTY,150,2940.00,81.00,420,200,3560.00\r\n");
        assertThat(e.api.get("/api/v1/pay-sheets.csv?communityId=" + a + "&month=2037-03", e.staff(b)).status())
                .isEqualTo(403);
        assertThat(e.api.get("/api/v1/pay-sheets?communityId=" + a + "&month=2037-13", e.staff(a)).status())
                .isEqualTo(400);
    }

    private UUID cadre(CadreRole role) {
        UUID member = e.feed.member(RunningEvaluation.DISTRICT, a, role, a);
        e.feed.awaitRow("cadre where member_id = '" + member + "'");
        return member;
    }
}
