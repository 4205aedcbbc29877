package cn.zhangzhou.partybuilding.evaluation;

import static cn.zhangzhou.partybuilding.evaluation.testing.RunningEvaluation.require;
import static cn.zhangzhou.partybuilding.testing.matrix.Call.body;
import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.FORBIDDEN;
import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.HIDDEN;
import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.NOT_FOUND;
import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.UNPROCESSABLE;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.COMMUNITY_STAFF;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.DISTRICT_STAFF;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.DISTRICT_WIDE;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.MEMBERS;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.NEIGHBOUR;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.OTHER_COMMUNITY_STAFF;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.OTHER_DISTRICT_ADMIN;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.OTHER_DISTRICT_SYSTEM;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.OTHER_STREET_STAFF;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.OWNER;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.STAFF_IN_SCOPE;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.STREET_STAFF;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.union;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.evaluation.testing.Feed;
import cn.zhangzhou.partybuilding.evaluation.testing.RunningEvaluation;
import cn.zhangzhou.partybuilding.events.membership.CadreRole;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.matrix.Call;
import cn.zhangzhou.partybuilding.testing.matrix.DatabaseFingerprint;
import cn.zhangzhou.partybuilding.testing.matrix.DeadLetterRules;
import cn.zhangzhou.partybuilding.testing.matrix.Scene;
import cn.zhangzhou.partybuilding.testing.matrix.ScopeMatrix;
import cn.zhangzhou.partybuilding.testing.matrix.Who;

/**
 * Every operation of evaluation × every caller × an object of the caller's scope and one of another district
 * (docs/reliability.md, "Scope matrix"). An organisation's projects and indicators are read and run by staff whose
 * scope covers it; what judges it (the on-site check, the review, the results) is done by the level above only.
 * Members see none of it. A round is seen by the district's staff and members; each rating is given by its
 * direction only (the organisation itself, its peers, the level above, its members, residents with a code, who need no
 * token); scores by staff whose scope covers the organisation. An id this district does not hold is 404 in the path
 * and 422 in a body or query.
 */
class ScopeMatrixTest {

    private static final RunningEvaluation e = RunningEvaluation.get();
    private static final Feed feed = e.feed;
    private static final AtomicInteger SEQ = new AtomicInteger();
    /** Rounds are one per year and level: the matrix's take years no other test uses. */
    private static final AtomicInteger ROUND_YEARS = new AtomicInteger(2041);
    /** Contracts are one per organisation and year. */
    private static final AtomicInteger CONTRACT_YEARS = new AtomicInteger(2000);

    private final UUID street = feed.street();
    private final UUID community = feed.community(street);
    private final UUID otherCommunity = feed.community(street);
    private final UUID otherStreet = feed.street();
    private final UUID owner = feed.member(community);
    private final UUID neighbour = feed.member(community);
    /** A Longwen member living in the other community: known here, under Longwen. */
    private final UUID otherDistrictMember = feed.member("longwen", otherCommunity, null, UUID.randomUUID());

    /** The level above a community: its street's staff and the district. */
    private static final Set<Who> ABOVE = union(DISTRICT_WIDE, Set.of(STREET_STAFF));

    @Test
    void everyOperationEveryCallerEveryScope() {
        Scene scene = new Scene(RunningEvaluation.DISTRICT, "longwen", street, otherStreet, community,
                otherCommunity, owner, neighbour, otherDistrictMember);
        try (DatabaseFingerprint database = new DatabaseFingerprint(e.jdbcUrl, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword(), "outcome", "wish", "cadre")) {
            ScopeMatrix matrix = new ScopeMatrix("evaluation", e.api,
                    ScopeMatrix.signedWith("support-test-keys/jwt-private.pem"), scene, database);
            projects(matrix);
            rounds(matrix);
            afterTheClose(matrix);
            contracts(matrix);
            guarantees(matrix);
            matrix.rule("GET /api/v1/indicators").on(() -> Call.get("/api/v1/indicators?organisationId=" + community
                            + "&year=" + e.year))
                    .allow(STAFF_IN_SCOPE)
                    .elsewhere(() -> Call.get("/api/v1/indicators?organisationId=" + UUID.randomUUID() + "&year="
                            + e.year), UNPROCESSABLE);
            matrix.rule("GET /api/v1/me").on(() -> Call.get("/api/v1/me")).allow(Who.AUTHENTICATED);
            DeadLetterRules.addTo(matrix, e.api, e.admin());
            assertThat(matrix.run().calls()).isGreaterThan(700);
        }
    }

    private void projects(ScopeMatrix matrix) {
        matrix.rule("POST /api/v1/projects").on(() -> Call.post("/api/v1/projects", projectBody(community)))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/projects", projectBody(UUID.randomUUID())), UNPROCESSABLE);
        matrix.rule("GET /api/v1/projects/{id}").on(() -> {
                    Api.Response p = project();
                    return Call.get("/api/v1/projects/" + p.id()).showing(p.text("title"));
                })
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.get("/api/v1/projects/" + UUID.randomUUID()), NOT_FOUND);
        matrix.rule("GET /api/v1/projects").on(() -> Call.get("/api/v1/projects?size=200&year=" + e.year
                        + "&organisationId=" + community).showing(project().text("title")))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.get("/api/v1/projects?year=" + e.year + "&organisationId=" + UUID.randomUUID()),
                        FORBIDDEN)
                .elsewhereAs(HIDDEN, DISTRICT_WIDE);
        matrix.rule("POST /api/v1/projects/{id}/progress")
                .on(() -> Call.post("/api/v1/projects/" + project().id() + "/progress", body("note", "入户走访")))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/projects/" + UUID.randomUUID() + "/progress",
                        body("note", "入户走访")), NOT_FOUND);
        matrix.rule("POST /api/v1/projects/{id}/report")
                .on(() -> Call.post("/api/v1/projects/" + project().id() + "/report",
                        body("version", 1, "report", "述职")))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/projects/" + UUID.randomUUID() + "/report",
                        body("version", 1, "report", "述职")), NOT_FOUND);
        matrix.rule("POST /api/v1/projects/{id}/targets/{targetId}/check").on(() -> {
                    Api.Response p = reported();
                    return Call.post("/api/v1/projects/" + p.id() + "/targets/" + target(p) + "/check",
                            body("valueFound", 40));
                })
                .allow(ABOVE)
                .elsewhere(() -> Call.post("/api/v1/projects/" + UUID.randomUUID() + "/targets/" + UUID.randomUUID()
                        + "/check", body("valueFound", 40)), NOT_FOUND);
        matrix.rule("POST /api/v1/projects/{id}/review")
                .on(() -> Call.post("/api/v1/projects/" + reported().id() + "/review",
                        body("version", 2, "grade", "GOOD", "comment", "扎实")))
                .allow(ABOVE)
                .elsewhere(() -> Call.post("/api/v1/projects/" + UUID.randomUUID() + "/review",
                        body("version", 2, "grade", "GOOD", "comment", "扎实")), NOT_FOUND);
        matrix.rule("POST /api/v1/projects/{id}/publish").on(() -> {
                    Api.Response p = reported();
                    long version = require(e.api.post("/api/v1/projects/" + p.id() + "/targets/" + target(p)
                            + "/check", e.admin(), Map.of("valueFound", 40)), 200).version();
                    version = require(e.api.post("/api/v1/projects/" + p.id() + "/review", e.admin(),
                            Map.of("version", version, "grade", "GOOD", "comment", "扎实")), 200).version();
                    return Call.post("/api/v1/projects/" + p.id() + "/publish", body("version", version));
                })
                .allow(ABOVE)
                .elsewhere(() -> Call.post("/api/v1/projects/" + UUID.randomUUID() + "/publish",
                        body("version", 4)), NOT_FOUND);
    }

    private void rounds(ScopeMatrix matrix) {
        matrix.rule("POST /api/v1/rounds").on(() -> Call.post("/api/v1/rounds", roundBody()))
                .allow(DISTRICT_WIDE);
        matrix.rule("GET /api/v1/rounds/{id}").on(() -> Call.get("/api/v1/rounds/" + round()))
                .allow(union(DISTRICT_STAFF, MEMBERS))
                .elsewhere(() -> Call.get("/api/v1/rounds/" + UUID.randomUUID()), NOT_FOUND)
                .elsewhereAs(FORBIDDEN, OTHER_DISTRICT_ADMIN, OTHER_DISTRICT_SYSTEM);
        matrix.rule("GET /api/v1/rounds").on(() -> {
                    String round = round();
                    int year = require(e.api.get("/api/v1/rounds/" + round, e.admin()), 200).body().path("year").asInt();
                    return Call.get("/api/v1/rounds?year=" + year).showing(round);
                })
                .allow(union(DISTRICT_STAFF, MEMBERS));
        rating(matrix, "self-assessments", Set.of(COMMUNITY_STAFF));
        rating(matrix, "assessments", ABOVE);
        rating(matrix, "mutual-ratings", Set.of(OTHER_COMMUNITY_STAFF));
        rating(matrix, "member-ratings", Set.of(OWNER, NEIGHBOUR));
        matrix.rule("POST /api/v1/rounds/{id}/resident-codes").on(() -> Call.post("/api/v1/rounds/" + round()
                        + "/resident-codes", body("communityId", community, "count", 3)))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/rounds/" + UUID.randomUUID() + "/resident-codes",
                        body("communityId", community, "count", 3)), NOT_FOUND);
        String codes = round();
        matrix.rule("POST /api/v1/resident-ratings").open().on(() -> {
                    String code = require(e.api.post("/api/v1/rounds/" + codes + "/resident-codes", e.admin(),
                            Map.of("communityId", community, "count", 1)), 201).body().path("codes").get(0).asString();
                    return Call.post("/api/v1/resident-ratings", body("code", code, "score", 90));
                })
                .allow(union(Who.AUTHENTICATED, Set.of(Who.ANONYMOUS)))
                .elsewhere(() -> Call.post("/api/v1/resident-ratings", body("code", "ZZZZZZZZZZ", "score", 90)),
                        UNPROCESSABLE);
        matrix.rule("POST /api/v1/rounds/{id}/close").on(() -> {
                    String round = round();
                    return Call.post("/api/v1/rounds/" + round + "/close", body("version", 1));
                })
                .allow(DISTRICT_WIDE)
                .elsewhere(() -> Call.post("/api/v1/rounds/" + UUID.randomUUID() + "/close", body("version", 1)),
                        FORBIDDEN)
                .elsewhereAs(NOT_FOUND, DISTRICT_WIDE);
        matrix.rule("GET /api/v1/rounds/{id}/scores")
                .on(() -> Call.get("/api/v1/rounds/" + closedRound() + "/scores").showing(community))
                .allow(STAFF_IN_SCOPE).as(HIDDEN, OTHER_STREET_STAFF, OTHER_COMMUNITY_STAFF)
                .elsewhere(() -> Call.get("/api/v1/rounds/" + UUID.randomUUID() + "/scores"), NOT_FOUND);
        matrix.rule("GET /api/v1/rounds/{id}/scores/{organisationId}")
                .on(() -> Call.get("/api/v1/rounds/" + closedRound() + "/scores/" + community).showing("ASSESSMENT"))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.get("/api/v1/rounds/" + UUID.randomUUID() + "/scores/" + community), NOT_FOUND);
    }

    private void afterTheClose(ScopeMatrix matrix) {
        matrix.rule("POST /api/v1/rounds/{id}/cadre-assessments")
                .on(() -> Call.post("/api/v1/rounds/" + round() + "/cadre-assessments",
                        body("memberId", headOf(community), "score", 80)))
                .allow(ABOVE)
                .elsewhere(() -> Call.post("/api/v1/rounds/" + UUID.randomUUID() + "/cadre-assessments",
                        body("memberId", headOf(community), "score", 80)), NOT_FOUND);
        matrix.rule("GET /api/v1/rounds/{id}/cadre-scores").on(() -> {
                    UUID head = headOf(community);
                    return Call.get("/api/v1/rounds/" + closedRound() + "/cadre-scores").showing(head);
                })
                .allow(STAFF_IN_SCOPE).as(HIDDEN, OTHER_STREET_STAFF, OTHER_COMMUNITY_STAFF)
                .elsewhere(() -> Call.get("/api/v1/rounds/" + UUID.randomUUID() + "/cadre-scores"), NOT_FOUND);
        matrix.rule("GET /api/v1/rounds/{id}/cadre-scores/{memberId}").on(() -> {
                    UUID head = headOf(community);
                    return Call.get("/api/v1/rounds/" + closedRound() + "/cadre-scores/" + head).showing("ORGANISATION");
                })
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.get("/api/v1/rounds/" + UUID.randomUUID() + "/cadre-scores/"
                        + UUID.randomUUID()), NOT_FOUND);
        matrix.rule("POST /api/v1/rounds/{id}/scores/{organisationId}/calibration")
                .on(() -> Call.post("/api/v1/rounds/" + closedRound() + "/scores/" + community + "/calibration",
                        body("score", 88.5, "reason", "实地核查")))
                .allow(ABOVE)
                .elsewhere(() -> Call.post("/api/v1/rounds/" + UUID.randomUUID() + "/scores/" + community
                        + "/calibration", body("score", 88.5, "reason", "实地核查")), NOT_FOUND);
        matrix.rule("POST /api/v1/rounds/{id}/grades")
                .on(() -> Call.post("/api/v1/rounds/" + closedRound() + "/grades",
                        body("grades", List.of(Map.of("organisationId", community, "grade", "GOOD")))))
                .allow(DISTRICT_WIDE)
                .elsewhere(() -> Call.post("/api/v1/rounds/" + UUID.randomUUID() + "/grades",
                        body("grades", List.of(Map.of("organisationId", community, "grade", "GOOD")))), FORBIDDEN)
                .elsewhereAs(NOT_FOUND, DISTRICT_WIDE);
        matrix.rule("GET /api/v1/rounds/{id}/honours")
                .on(() -> Call.get("/api/v1/rounds/" + closedRound() + "/honours?top=3"))
                .allow(union(DISTRICT_STAFF, MEMBERS))
                .elsewhere(() -> Call.get("/api/v1/rounds/" + UUID.randomUUID() + "/honours"), NOT_FOUND);
    }

    private void contracts(ScopeMatrix matrix) {
        matrix.rule("POST /api/v1/contracts").on(() -> Call.post("/api/v1/contracts", contractBody(community)))
                .allow(ABOVE)
                .elsewhere(() -> Call.post("/api/v1/contracts", contractBody(UUID.randomUUID())), UNPROCESSABLE);
        matrix.rule("GET /api/v1/contracts/{id}").on(() -> Call.get("/api/v1/contracts/" + contract()))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.get("/api/v1/contracts/" + UUID.randomUUID()), NOT_FOUND);
        matrix.rule("GET /api/v1/contracts").on(() -> {
                    Map<String, Object> body = contractBody(community);
                    String id = require(e.api.post("/api/v1/contracts", e.admin(), body), 201).id();
                    return Call.get("/api/v1/contracts?organisationId=" + community + "&year=" + body.get("year"))
                            .showing(id);
                })
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.get("/api/v1/contracts?organisationId=" + UUID.randomUUID() + "&year=2030"),
                        FORBIDDEN)
                .elsewhereAs(HIDDEN, DISTRICT_WIDE);
        matrix.rule("POST /api/v1/contracts/{id}/sign")
                .on(() -> Call.post("/api/v1/contracts/" + contract() + "/sign", body("version", 1)))
                .allow(COMMUNITY_STAFF)
                .elsewhere(() -> Call.post("/api/v1/contracts/" + UUID.randomUUID() + "/sign", body("version", 1)),
                        NOT_FOUND);
        matrix.rule("GET /api/v1/secretaries/without-project")
                .on(() -> Call.get("/api/v1/secretaries/without-project?organisationId=" + community + "&year="
                        + e.year))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.get("/api/v1/secretaries/without-project?organisationId=" + UUID.randomUUID()
                        + "&year=" + e.year), UNPROCESSABLE);
    }

    private void guarantees(ScopeMatrix matrix) {
        matrix.rule("POST /api/v1/funds").on(() -> Call.post("/api/v1/funds", fundBody(community)))
                .allow(ABOVE)
                .elsewhere(() -> Call.post("/api/v1/funds", fundBody(UUID.randomUUID())), UNPROCESSABLE);
        matrix.rule("GET /api/v1/funds").on(() -> Call.get("/api/v1/funds?year=" + e.year + "&communityId="
                        + community))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.get("/api/v1/funds?year=" + e.year + "&communityId=" + UUID.randomUUID()),
                        UNPROCESSABLE);
        matrix.rule("GET /api/v1/funds/below-floor").on(() -> Call.get("/api/v1/funds/below-floor?year=" + e.year
                        + "&organisationId=" + community))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.get("/api/v1/funds/below-floor?year=" + e.year + "&organisationId="
                        + UUID.randomUUID()), UNPROCESSABLE);
        matrix.rule("PUT /api/v1/cadres/{memberId}/social-worker").on(() -> {
                    UUID cadre = feed.member(RunningEvaluation.DISTRICT, community, CadreRole.MEMBER, community);
                    feed.awaitRow("cadre where member_id = '" + cadre + "'");
                    return Call.put("/api/v1/cadres/" + cadre + "/social-worker", body("certifiedOn", "2026-01-05"));
                })
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.put("/api/v1/cadres/" + UUID.randomUUID() + "/social-worker",
                        body("certifiedOn", "2026-01-05")), NOT_FOUND);
        for (String sheet : List.of("pay-sheets", "pay-sheets.csv")) {
            matrix.rule("GET /api/v1/" + sheet).on(() -> Call.get("/api/v1/" + sheet + "?month=2026-03&communityId="
                            + cadreOf(community)))
                    .allow(STAFF_IN_SCOPE)
                    .elsewhere(() -> Call.get("/api/v1/" + sheet + "?month=2026-03&communityId=" + UUID.randomUUID()),
                            UNPROCESSABLE);
        }
    }

    /** The community, once it has a head whose line a pay sheet shows. */
    private static UUID cadreOf(UUID community) {
        headOf(community);
        return community;
    }

    /** A new head (主干) of the community's committee, once evaluation knows them as a cadre. */
    private static UUID headOf(UUID community) {
        UUID head = feed.member(RunningEvaluation.DISTRICT, community, CadreRole.HEAD, community);
        feed.awaitRow("cadre where member_id = '" + head + "'");
        return head;
    }

    private static Map<String, Object> fundBody(UUID community) {
        return body("communityId", community, "year", 2026, "fund", "WORK", "entry", "ALLOCATION",
                "amountYuan", 50_000, "note", "年度工作经费");
    }

    /** The community's responsibility contract for a year no other contract of it has, listing no project. */
    private Map<String, Object> contractBody(UUID organisation) {
        return body("year", CONTRACT_YEARS.getAndIncrement(), "organisationId", organisation, "secretaryId", owner,
                "projectIds", List.of());
    }

    private String contract() {
        return require(e.api.post("/api/v1/contracts", e.admin(), contractBody(community)), 201).id();
    }

    /** A rating of the scene's community in a new round: who may give it. */
    private void rating(ScopeMatrix matrix, String kind, Set<Who> raters) {
        matrix.rule("POST /api/v1/rounds/{id}/" + kind)
                .on(() -> Call.post("/api/v1/rounds/" + round() + "/" + kind,
                        body("organisationId", community, "score", 85)))
                .allow(raters)
                .elsewhere(() -> Call.post("/api/v1/rounds/" + UUID.randomUUID() + "/" + kind,
                        body("organisationId", community, "score", 85)), NOT_FOUND);
    }

    /** A new open round of the communities, every component weighted, in a year no other test uses. */
    private static Map<String, Object> roundBody() {
        return body("year", ROUND_YEARS.getAndIncrement(), "level", "COMMUNITY", "weights", Map.of("self", 20,
                "mutual", 20, "assessment", 40, "members", 10, "residents", 10, "objective", 0));
    }

    private static String round() {
        return require(e.api.post("/api/v1/rounds", e.admin(), roundBody()), 201).id();
    }

    private static String closedRound() {
        String round = round();
        require(e.api.post("/api/v1/rounds/" + round + "/close", e.admin(), Map.of("version", 1)), 200);
        return round;
    }

    private Map<String, Object> projectBody(UUID organisation) {
        return body("organisationId", organisation, "year", e.year, "title", "项目" + SEQ.incrementAndGet(),
                "need", "老旧小区环境整治", "secretaryId", owner,
                "targets", List.of(Map.of("indicator", "整治楼道", "unit", "栋", "targetValue", 30)));
    }

    private Api.Response project() {
        return require(e.api.post("/api/v1/projects", e.admin(), projectBody(community)), 201);
    }

    /** A project of the community whose year-end report was handed in (version 2). */
    private Api.Response reported() {
        return require(e.api.post("/api/v1/projects/" + project().id() + "/report", e.staff(community),
                Map.of("version", 1, "report", "述职")), 200);
    }

    private static String target(Api.Response project) {
        return project.body().path("targets").get(0).path("id").asString();
    }
}
