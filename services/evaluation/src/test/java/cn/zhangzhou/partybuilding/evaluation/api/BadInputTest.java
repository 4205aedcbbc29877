package cn.zhangzhou.partybuilding.evaluation.api;

import static cn.zhangzhou.partybuilding.evaluation.testing.RunningEvaluation.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.evaluation.testing.RunningEvaluation;
import cn.zhangzhou.partybuilding.testing.Api;

/** Bad input: a 4xx problem naming what is wrong, never a 5xx, and nothing changed. */
class BadInputTest {

    private static final RunningEvaluation e = RunningEvaluation.get();
    private static final String[] TABLES = {"project", "project_wish", "target", "milestone", "progress", "round",
            "rating", "rated", "official_rating", "resident_code", "score", "calibration", "responsibility_contract",
            "contract_project", "fund_entry", "social_worker", "outbox_event"};
    private static final Map<String, Object> WEIGHTS = Map.of("self", 20, "mutual", 20, "assessment", 40,
            "members", 10, "residents", 10, "objective", 0);

    private final UUID street = e.feed.street();
    private final UUID community = e.feed.community(street);
    private final UUID secretary = e.feed.member(community);
    private final Map<String, Long> before = new HashMap<>();

    @BeforeEach
    void snapshot() {
        for (String table : TABLES) {
            before.put(table, e.rows(table));
        }
    }

    private Map<String, Object> project(Object... changes) {
        Map<String, Object> body = new HashMap<>(Map.of("organisationId", community, "year", e.year,
                "title", "环境整治", "need", "楼道杂物", "secretaryId", secretary,
                "targets", List.of(Map.of("indicator", "整治楼道", "unit", "栋", "targetValue", 30))));
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                body.remove((String) changes[i]);
            } else {
                body.put((String) changes[i], changes[i + 1]);
            }
        }
        return body;
    }

    @Test
    void malformedJsonWrongTypesMissingUnknownAndOversizedFields() {
        assertProblem(e.api.sendRaw("POST", "/api/v1/projects", e.admin(), "{\"organisationId\": "), 400, "JSON");
        assertProblem(e.api.post("/api/v1/projects", e.admin(), project("year", "this year")), 400, "year");
        assertProblem(e.api.post("/api/v1/projects", e.admin(), project("year", 1999)), 400, "year");
        assertProblem(e.api.post("/api/v1/projects", e.admin(), project("secretaryId", "王书记")), 400, "secretaryId");
        assertProblem(e.api.post("/api/v1/projects", e.admin(), project("targets", null)), 400, "targets");
        assertProblem(e.api.post("/api/v1/projects", e.admin(), project("targets", List.of())), 400, "targets");
        assertProblem(e.api.post("/api/v1/projects", e.admin(), project("targets",
                List.of(Map.of("indicator", "x", "unit", "户", "targetValue", 0)))), 400, "targetValue");
        assertProblem(e.api.post("/api/v1/projects", e.admin(), project("title", "长".repeat(101))), 400, "title");
        assertProblem(e.api.post("/api/v1/projects", e.admin(), project("colour", "red")), 400, "colour");
        assertProblem(e.api.post("/api/v1/projects", e.admin(), project("status", "PUBLISHED")), 400, "status");
        assertProblem(e.api.post("/api/v1/projects", e.admin(), project("milestones",
                List.of(Map.of("title", "摸排", "dueOn", "March")))), 400, "dueOn");
        Api.Response huge = e.api.post("/api/v1/projects", e.admin(), project("need", "x".repeat(200_000)));
        assertThat(huge.status()).isBetween(400, 499);
        assertNothingChanged();
    }

    @Test
    void rulesOfTheDomainAre422NamingTheField() {
        assertProblem(e.api.post("/api/v1/projects", e.admin(), project("organisationId", UUID.randomUUID())), 422,
                "organisationId");
        assertProblem(e.api.post("/api/v1/projects", e.admin(), project("organisationId", e.feed.district())), 422,
                "organisationId");
        assertProblem(e.api.post("/api/v1/projects", e.admin(), project("need", null)), 422, "need");
        assertProblem(e.api.post("/api/v1/projects", e.admin(), project("wishIds", List.of(UUID.randomUUID()))), 422,
                "wishIds");
        assertProblem(e.api.post("/api/v1/projects", e.admin(), project("secretaryId", UUID.randomUUID())), 422,
                "secretaryId");
        String id = require(e.api.post("/api/v1/projects", e.admin(), project()), 201).id();
        snapshot();
        assertProblem(e.api.post("/api/v1/projects/" + id + "/progress", e.admin(),
                Map.of("note", "x", "milestoneId", UUID.randomUUID())), 422, "milestoneId");
        assertProblem(e.api.post("/api/v1/projects/" + id + "/report", e.admin(),
                Map.of("version", 7, "report", "述职")), 409, "version");
        assertProblem(e.api.post("/api/v1/projects/" + id + "/review", e.admin(),
                Map.of("version", 1, "grade", "GOOD", "comment", "x")), 409, "ACTIVE");
    }

    @Test
    void unknownIdsAndMalformedPathsAndQueries() {
        UUID unknown = UUID.randomUUID();
        assertProblem(e.api.get("/api/v1/projects/" + unknown, e.admin()), 404, unknown.toString());
        assertProblem(e.api.post("/api/v1/projects/" + unknown + "/publish", e.admin(), Map.of("version", 1)), 404,
                unknown.toString());
        String id = require(e.api.post("/api/v1/projects", e.admin(), project()), 201).id();
        snapshot();
        assertProblem(e.api.post("/api/v1/projects/" + id + "/targets/" + unknown + "/check", e.admin(),
                Map.of("valueFound", 3)), 404, unknown.toString());
        assertProblem(e.api.post("/api/v1/projects/" + id + "/targets/" + unknown + "/check", e.admin(),
                Map.of("valueFound", -3)), 400, "valueFound");
        assertProblem(e.api.get("/api/v1/projects/not-a-uuid", e.admin()), 400, "id");
        assertProblem(e.api.get("/api/v1/projects?organisationId=" + community + "&year=" + e.year + "&size=100000",
                e.admin()), 400, "size");
        assertProblem(e.api.get("/api/v1/projects?organisationId=" + community, e.admin()), 400, "year");
        assertProblem(e.api.get("/api/v1/indicators?organisationId=" + community + "&year=twenty", e.admin()), 400,
                "year");
        assertProblem(e.api.get("/api/v1/indicators?organisationId=" + unknown + "&year=" + e.year, e.admin()), 422,
                "organisationId");
    }

    @Test
    void roundsAndRatings() {
        assertProblem(e.api.post("/api/v1/rounds", e.admin(), Map.of("year", 2033, "level", "GRID",
                "weights", WEIGHTS)), 400, "level");
        Map<String, Object> negative = new HashMap<>(WEIGHTS);
        negative.put("self", -1);
        assertProblem(e.api.post("/api/v1/rounds", e.admin(), Map.of("year", 2033, "level", "COMMUNITY",
                "weights", negative)), 400, "self");
        Map<String, Object> missing = new HashMap<>(WEIGHTS);
        missing.remove("objective");
        assertProblem(e.api.post("/api/v1/rounds", e.admin(), Map.of("year", 2033, "level", "COMMUNITY",
                "weights", missing)), 400, "objective");
        String round = require(e.api.post("/api/v1/rounds", e.admin(), Map.of("year", 2033, "level", "COMMUNITY",
                "weights", WEIGHTS)), 201).id();
        snapshot();
        assertProblem(e.api.post("/api/v1/rounds/" + round + "/assessments", e.admin(),
                Map.of("organisationId", community, "score", 101)), 400, "score");
        assertProblem(e.api.post("/api/v1/rounds/" + round + "/assessments", e.admin(),
                Map.of("organisationId", street, "score", 90)), 422, "organisationId");
        assertProblem(e.api.post("/api/v1/rounds/" + round + "/resident-codes", e.admin(),
                Map.of("communityId", community, "count", 501)), 400, "count");
        assertProblem(e.api.post("/api/v1/resident-ratings", null, Map.of("code", "<script>", "score", 90)), 400,
                "code");
        assertProblem(e.api.post("/api/v1/resident-ratings", null, Map.of("code", "ABCDEFGHJK")), 400, "score");
        assertProblem(e.api.post("/api/v1/resident-ratings", null, Map.of("code", "ABCDEFGHJK", "score", 90)), 422,
                "code");
        assertProblem(e.api.post("/api/v1/rounds/" + round + "/close", e.admin(), Map.of("version", 9)), 409,
                "version");
        assertProblem(e.api.get("/api/v1/rounds/" + round + "/scores", e.admin()), 409, "OPEN");
        assertProblem(e.api.get("/api/v1/rounds?year=soon", e.admin()), 400, "year");
    }

    @Test
    void contractsAndTheSecretariesCheck() {
        Map<String, Object> contract = new HashMap<>(Map.of("year", 2036, "organisationId", community,
                "secretaryId", secretary, "projectIds", List.of()));
        contract.remove("year");
        assertProblem(e.api.post("/api/v1/contracts", e.admin(), contract), 400, "year");
        contract.put("year", 2036);
        contract.put("projectIds", "all of them");
        assertProblem(e.api.post("/api/v1/contracts", e.admin(), contract), 400, "projectIds");
        contract.put("projectIds", List.of(UUID.randomUUID()));
        assertProblem(e.api.post("/api/v1/contracts", e.admin(), contract), 422, "projectIds");
        contract.put("projectIds", List.of());
        contract.put("secretaryId", UUID.randomUUID());
        assertProblem(e.api.post("/api/v1/contracts", e.admin(), contract), 422, "secretaryId");
        contract.put("secretaryId", secretary);
        contract.put("organisationId", e.feed.district());
        assertProblem(e.api.post("/api/v1/contracts", e.admin(), contract), 422, "organisationId");
        assertProblem(e.api.post("/api/v1/contracts/" + UUID.randomUUID() + "/sign", e.admin(), Map.of()), 400,
                "version");
        assertProblem(e.api.get("/api/v1/secretaries/without-project?organisationId=" + community, e.admin()), 400,
                "year");
        assertProblem(e.api.get("/api/v1/secretaries/without-project?organisationId=" + UUID.randomUUID()
                + "&year=2036", e.admin()), 422, "organisationId");
    }

    @Test
    void fundsAndPay() {
        Map<String, Object> fund = new HashMap<>(Map.of("communityId", community, "year", 2038, "fund", "WORK",
                "entry", "ALLOCATION", "amountYuan", 50_000, "note", "经费"));
        fund.put("amountYuan", 0);
        assertProblem(e.api.post("/api/v1/funds", e.admin(), fund), 400, "amountYuan");
        fund.put("amountYuan", 50_000);
        fund.put("fund", "GOLD");
        assertProblem(e.api.post("/api/v1/funds", e.admin(), fund), 400, "fund");
        fund.put("fund", "WORK");
        fund.remove("note");
        assertProblem(e.api.post("/api/v1/funds", e.admin(), fund), 400, "note");
        fund.put("note", "经费");
        fund.put("communityId", street);
        assertProblem(e.api.post("/api/v1/funds", e.admin(), fund), 422, "communityId");
        fund.put("communityId", community);
        fund.put("entry", "SPENDING");
        assertProblem(e.api.post("/api/v1/funds", e.admin(), fund), 422, "amountYuan");
        assertProblem(e.api.get("/api/v1/pay-sheets?communityId=" + community + "&month=2038-3", e.admin()), 400,
                "month");
        assertProblem(e.api.get("/api/v1/pay-sheets.csv?communityId=" + street + "&month=2038-03", e.admin()), 422,
                "communityId");
        assertProblem(e.api.put("/api/v1/cadres/" + secretary + "/social-worker", e.admin(),
                Map.of("certifiedOn", "yesterday")), 400, "certifiedOn");
        assertProblem(e.api.put("/api/v1/cadres/" + secretary + "/social-worker", e.admin(),
                Map.of("certifiedOn", "2038-01-01")), 404, secretary.toString());
    }

    private void assertProblem(Api.Response response, int status, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.raw()).contains(mentioned);
        assertNothingChanged();
    }

    private void assertNothingChanged() {
        for (String table : TABLES) {
            // The relay deletes published outbox rows: never more than before.
            if (table.equals("outbox_event")) {
                assertThat(e.rows(table)).as(table).isLessThanOrEqualTo(before.get(table));
            } else {
                assertThat(e.rows(table)).as(table).isEqualTo(before.get(table));
            }
        }
    }
}
