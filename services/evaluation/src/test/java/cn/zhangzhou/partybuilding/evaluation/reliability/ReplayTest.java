package cn.zhangzhou.partybuilding.evaluation.reliability;

import static cn.zhangzhou.partybuilding.evaluation.testing.RunningEvaluation.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.evaluation.testing.RunningEvaluation;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.DistrictFixture;
import cn.zhangzhou.partybuilding.testing.TestClock;
import tools.jackson.databind.JsonNode;

/**
 * A score recomputed from scratch equals the live one: a fresh evaluation service with a fresh database reads the
 * district's topics from the beginning (membership, wishes, volunteering and its own) and ends with the same outcomes,
 * indicators, and the same objective scores, ranks and explanations as the running one.
 */
class ReplayTest {

    private static final RunningEvaluation e = RunningEvaluation.get();
    private static final int YEAR = 2040;

    @Test
    void aFreshInstanceReadingTheTopicsFromTheBeginningScoresTheSame() {
        UUID street = e.feed.street();
        UUID x = e.feed.community(street);
        UUID y = e.feed.community(street);
        LocalDate day = LocalDate.of(YEAR, 6, 1);
        e.feed.hours(x, 120, false, day);
        e.feed.hours(x, 45, false, day);
        e.feed.hours(y, 60, false, day);
        e.feed.hours(y, 600, true, day);
        await().atMost(Duration.ofSeconds(60)).until(() -> e.rows("outcome where year = " + YEAR
                + " and organisation_id in ('" + x + "', '" + y + "')") == 3);
        // A project of Y whose one target the street found met: our own event, read back from our topic.
        Api.Response project = require(e.api.post("/api/v1/projects", e.staff(y), Map.of("organisationId", y,
                "year", YEAR, "title", "楼道整治", "need", "楼道杂物", "secretaryId", e.feed.member(y),
                "targets", List.of(Map.of("indicator", "整治楼道", "unit", "栋", "targetValue", 3)))), 201);
        long version = require(e.api.post("/api/v1/projects/" + project.id() + "/report", e.staff(y),
                Map.of("version", 1, "report", "完成")), 200).version();
        String target = project.body().path("targets").get(0).path("id").asString();
        require(e.api.post("/api/v1/projects/" + project.id() + "/targets/" + target + "/check", e.streetStaff(street),
                Map.of("valueFound", 4)), 200);
        e.feed.awaitOutcome(UUID.fromString(target));

        Map<String, Object> weights = Map.of("self", 0, "mutual", 0, "assessment", 0, "members", 0, "residents", 0,
                "objective", 100);
        JsonNode live = closedRound(e.api, e.admin(), weights);

        String database = TestInfrastructure.newDatabase("evaluation_replay");
        try (ConfigurableApplicationContext fresh = RunningEvaluation.start(database, new TestClock())) {
            Api api = new Api("http://localhost" + ":" + fresh.getEnvironment().getProperty("local.server.port"));
            DistrictFixture replayed = new DistrictFixture(RunningEvaluation.DISTRICT, database, null) { };
            await().atMost(Duration.ofMinutes(2)).until(() ->
                    replayed.rows("outcome") == e.rows("outcome")
                            && replayed.rows("directory.organisation") == e.rows("directory.organisation"));
            assertThat(indicators(api, street)).isEqualTo(indicators(e.api, street));
            JsonNode again = closedRound(api, e.admin(), weights);
            for (UUID community : List.of(x, y)) {
                assertThat(score(api, again, community)).isEqualTo(score(e.api, live, community));
            }
            // Y: (100 × 1.00 h / 2.75 h + 100 × 1 target / 1) / 5 indicators = 27.27; X: 100 / 5 = 20.00.
            assertThat(score(api, again, y).path("score").decimalValue()).isEqualByComparingTo("27.27");
            assertThat(score(api, again, x).path("score").decimalValue()).isEqualByComparingTo("20.00");
        }
    }

    /** A COMMUNITY round of the year with the weights, opened and closed at once; the round. */
    private static JsonNode closedRound(Api api, String admin, Map<String, Object> weights) {
        Api.Response round = require(api.post("/api/v1/rounds", admin, Map.of("year", YEAR, "level", "COMMUNITY",
                "weights", weights)), 201);
        return require(api.post("/api/v1/rounds/" + round.id() + "/close", admin,
                Map.of("version", round.version())), 200).body();
    }

    private static String indicators(Api api, UUID organisation) {
        return require(api.get("/api/v1/indicators?organisationId=" + organisation + "&year=" + YEAR, e.admin()), 200)
                .raw();
    }

    private static JsonNode score(Api api, JsonNode round, UUID organisation) {
        return require(api.get("/api/v1/rounds/" + round.path("id").asString() + "/scores/" + organisation,
                e.admin()), 200).body();
    }
}
