package cn.zhangzhou.partybuilding.evaluation.round;

import static cn.zhangzhou.partybuilding.evaluation.testing.RunningEvaluation.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.evaluation.testing.RunningEvaluation;
import cn.zhangzhou.partybuilding.events.evaluation.EvaluationEvents;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventTap;
import tools.jackson.databind.JsonNode;

/**
 * A round of the community organisations (多向度考评): self-assessment, mutual ratings among the street's communities,
 * the street's assessment, members' and residents' ratings; weights renormalised over what is reported; an anonymous
 * component reported only with at least five raters; the scores frozen, explained and published at the close.
 */
class RoundTest {

    private static final RunningEvaluation e = RunningEvaluation.get();
    private static final int YEAR = 2031;

    private final UUID street = e.feed.street();
    private final List<UUID> communities = new ArrayList<>();

    private static Map<String, Object> weights(int self, int mutual, int assessment, int members, int residents,
                                               int objective) {
        return Map.of("self", self, "mutual", mutual, "assessment", assessment, "members", members,
                "residents", residents, "objective", objective);
    }

    private void rate(String path, String token, UUID organisation, int score, int status) {
        Api.Response r = e.api.post(path, token, Map.of("organisationId", organisation, "score", score));
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
    }

    @Test
    void aRoundFromEveryDirectionWithAnonymityAndRenormalisedWeights() {
        for (int i = 0; i < 6; i++) {
            communities.add(e.feed.community(street));
        }
        UUID a = communities.get(0);
        UUID b = communities.get(1);
        try (EventTap tap = EventTap.open(e.topic())) {
            String round = require(e.api.post("/api/v1/rounds", e.admin(), Map.of("year", YEAR, "level", "COMMUNITY",
                    "weights", weights(20, 20, 40, 10, 10, 0))), 201).id();
            String path = "/api/v1/rounds/" + round;
            assertThat(EventTap.payload(tap.awaitType(EvaluationEvents.ROUND_OPENED.ceType(), round)))
                    .contains("\"assessmentWeight\":40");
            assertThat(e.api.post("/api/v1/rounds", e.admin(), Map.of("year", YEAR, "level", "COMMUNITY",
                    "weights", weights(1, 0, 0, 0, 0, 0))).status()).isEqualTo(409);

            // 自评: A's own staff; B's staff cannot assess A.
            rate(path + "/self-assessments", e.staff(a), a, 80, 204);
            rate(path + "/self-assessments", e.staff(b), a, 10, 403);
            rate(path + "/self-assessments", e.staff(a), a, 99, 409);
            // 考评: the street (the level above), not A itself nor another street.
            rate(path + "/assessments", e.staff(a), a, 100, 403);
            rate(path + "/assessments", e.streetStaff(e.feed.street()), a, 100, 403);
            rate(path + "/assessments", e.streetStaff(street), a, 90, 204);
            rate(path + "/assessments", e.streetStaff(street), b, 70, 204);
            // 互评: five peers rate A (reported), four rate B (not reported); once each; not oneself.
            int[] peerScores = {70, 80, 90, 60, 100};
            for (int i = 1; i <= 5; i++) {
                rate(path + "/mutual-ratings", e.staff(communities.get(i)), a, peerScores[i - 1], 204);
            }
            rate(path + "/mutual-ratings", e.staff(communities.get(1)), a, 0, 409);
            rate(path + "/mutual-ratings", e.staff(a), a, 100, 403);
            rate(path + "/mutual-ratings", e.streetStaff(street), a, 100, 403);
            rate(path + "/mutual-ratings", e.staff(e.feed.community(e.feed.street())), a, 0, 403);
            for (int i = 2; i <= 5; i++) {
                rate(path + "/mutual-ratings", e.staff(communities.get(i)), b, 10, 204);
            }
            // 党员评价: five of A's members (once per round each), two of B's.
            for (int score : new int[] {60, 70, 80, 90, 100}) {
                UUID member = e.feed.member(a);
                rate(path + "/member-ratings", e.member(member), a, score, 204);
                if (score == 60) {
                    rate(path + "/member-ratings", e.member(member), a, 0, 409);
                    rate(path + "/member-ratings", e.member(member), b, 0, 403);
                }
            }
            for (int i = 0; i < 2; i++) {
                rate(path + "/member-ratings", e.member(e.feed.member(b)), b, 0, 204);
            }
            // 群众评价: one-time codes of A, one rating each, without a token; unknown codes name the field.
            JsonNode codes = require(e.api.post(path + "/resident-codes", e.staff(a),
                    Map.of("communityId", a, "count", 5)), 201).body().path("codes");
            assertThat(e.rows("resident_code where round_id = '" + round + "'")).isEqualTo(5);
            assertThat(e.rows("resident_code where hash = sha256(convert_to('" + codes.get(0).asString()
                    + "', 'UTF8'))")).isEqualTo(1);
            assertThat(e.api.post(path + "/resident-codes", e.staff(b), Map.of("communityId", a, "count", 1))
                    .status()).isEqualTo(403);
            int[] residentScores = {50, 60, 70, 80, 90};
            for (int i = 0; i < 5; i++) {
                assertThat(e.api.post("/api/v1/resident-ratings", null, Map.of("code",
                        codes.get(i).asString().toLowerCase(), "score", residentScores[i])).status()).isEqualTo(204);
            }
            assertThat(e.api.post("/api/v1/resident-ratings", null, Map.of("code", codes.get(0).asString(),
                    "score", 0)).status()).isEqualTo(409);
            Api.Response unknown = e.api.post("/api/v1/resident-ratings", null, Map.of("code", "0000000000",
                    "score", 0));
            assertThat(unknown.status()).isEqualTo(422);
            assertThat(unknown.raw()).contains("code");

            // No scores while the round is open: a score moving with each rating would give the rating away.
            assertThat(e.api.get(path + "/scores", e.admin()).status()).isEqualTo(409);
            long version = require(e.api.get(path, e.admin()), 200).version();
            assertThat(e.api.post(path + "/close", e.streetStaff(street), Map.of("version", version)).status())
                    .isEqualTo(403);
            require(e.api.post(path + "/close", e.admin(), Map.of("version", version)), 200);
            rate(path + "/assessments", e.streetStaff(street), communities.get(2), 70, 409);

            // A: (20×80 + 20×80 + 40×90 + 10×80 + 10×70) / 100 = 83.00.
            JsonNode scoreA = require(e.api.get(path + "/scores/" + a, e.staff(a)), 200).body();
            assertThat(scoreA.path("score").decimalValue()).isEqualByComparingTo("83.00");
            JsonNode mutualA = scoreA.path("computed").path("components").get(1);
            assertThat(mutualA.path("component").asString()).isEqualTo("MUTUAL");
            assertThat(mutualA.path("value").decimalValue()).isEqualByComparingTo("80.00");
            assertThat(mutualA.path("raters").asInt()).isEqualTo(5);
            assertThat(mutualA.path("share").decimalValue()).isEqualByComparingTo("20.00");
            // B: only the assessment is reported (4 peers, 2 members are fewer than 5): 70 with 100 % of the weight.
            JsonNode scoreB = require(e.api.get(path + "/scores/" + b, e.streetStaff(street)), 200).body();
            assertThat(scoreB.path("score").decimalValue()).isEqualByComparingTo("70.00");
            JsonNode mutualB = scoreB.path("computed").path("components").get(1);
            assertThat(mutualB.path("reported").asBoolean()).isFalse();
            assertThat(mutualB.path("value").isNull()).isTrue();
            assertThat(mutualB.path("raters").isNull()).isTrue();
            assertThat(scoreB.path("computed").path("components").get(2).path("share").decimalValue())
                    .isEqualByComparingTo("100.00");
            assertThat(scoreB.path("rank").asInt()).isGreaterThan(scoreA.path("rank").asInt());
            // A community sees its own score only, a street its communities'.
            assertThat(e.api.get(path + "/scores/" + b, e.staff(a)).status()).isEqualTo(403);
            assertThat(require(e.api.get(path + "/scores", e.staff(a)), 200).body().size()).isEqualTo(1);
            assertThat(require(e.api.get(path + "/scores", e.streetStaff(street)), 200).body().size()).isEqualTo(6);
            assertThat(EventTap.payload(tap.awaitType(EvaluationEvents.ROUND_CLOSED.ceType(), round)))
                    .contains("\"level\":\"COMMUNITY\"");
            assertThat(tap.seenFor(round).stream().map(EventTap::payload)
                    .filter(p -> p.contains(a.toString()) && p.contains("\"score\":83.00")).count()).isEqualTo(1);
        }
    }

    @Test
    void aCodeRatesOnceAndAMemberOnceEvenInParallel() throws Exception {
        UUID community = e.feed.community(street);
        String round = require(e.api.post("/api/v1/rounds", e.admin(), Map.of("year", 2039, "level", "COMMUNITY",
                "weights", weights(0, 0, 0, 50, 50, 0))), 201).id();
        String code = require(e.api.post("/api/v1/rounds/" + round + "/resident-codes", e.staff(community),
                Map.of("communityId", community, "count", 1)), 201).body().path("codes").get(0).asString();
        UUID member = e.feed.member(community);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> e.api.post("/api/v1/resident-ratings", null, Map.of("code", code, "score", 90)).status());
            calls.add(() -> e.api.post("/api/v1/rounds/" + round + "/member-ratings", e.member(member),
                    Map.of("organisationId", community, "score", 90)).status());
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).filteredOn(s -> s == 204).hasSize(2);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(18);
        } finally {
            pool.shutdownNow();
        }
        assertThat(e.rows("rating where round_id = '" + round + "'")).isEqualTo(2);
    }

    @Test
    void theRaterIsNeverStoredBesideTheRating() {
        assertThat(e.rows("information_schema.columns where table_name = 'rating'")).isEqualTo(5);
        assertThat(e.rows("information_schema.columns where table_name = 'rating' and column_name in "
                + "('id', 'round_id', 'organisation_id', 'component', 'score')")).isEqualTo(5);
        assertThat(e.rows("information_schema.columns where table_name = 'rated' and column_name like '%score%'"))
                .isZero();
    }

    @Test
    void weightsAreChecked() {
        Api.Response none = e.api.post("/api/v1/rounds", e.admin(), Map.of("year", 2032, "level", "COMMUNITY",
                "weights", weights(0, 0, 0, 0, 0, 0)));
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.raw()).contains("weights");
        Api.Response streets = e.api.post("/api/v1/rounds", e.admin(), Map.of("year", 2032, "level", "STREET",
                "weights", weights(20, 20, 40, 10, 10, 0)));
        assertThat(streets.status()).isEqualTo(422);
        assertThat(streets.raw()).contains("weights");
        assertThat(e.api.post("/api/v1/rounds", e.streetStaff(street), Map.of("year", 2032, "level", "STREET",
                "weights", weights(20, 20, 40, 0, 0, 20))).status()).isEqualTo(403);
    }
}
