package cn.zhangzhou.partybuilding.evaluation;

import static cn.zhangzhou.partybuilding.evaluation.testing.RunningEvaluation.require;
import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.FORBIDDEN;
import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.HIDDEN;
import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.NOT_FOUND;
import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.UNPROCESSABLE;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.DISTRICT_WIDE;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.STAFF_IN_SCOPE;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.STREET_STAFF;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.evaluation.testing.Feed;
import cn.zhangzhou.partybuilding.evaluation.testing.RunningEvaluation;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.matrix.Call;
import cn.zhangzhou.partybuilding.testing.matrix.DatabaseFingerprint;
import cn.zhangzhou.partybuilding.testing.matrix.Scene;
import cn.zhangzhou.partybuilding.testing.matrix.ScopeMatrix;
import cn.zhangzhou.partybuilding.testing.matrix.Who;

/**
 * Every operation of evaluation × every caller × an object of the caller's scope and one of another district
 * (docs/reliability.md, "Scope matrix"). An organisation's projects and indicators are read and run by staff whose
 * scope covers it; what judges it (the on-site check, the review, the results) is done by the level above only.
 * Members see none of it. An id this district does not hold is 404 in the path and 422 in a body or query.
 */
class ScopeMatrixTest {

    private static final RunningEvaluation e = RunningEvaluation.get();
    private static final Feed feed = e.feed;
    private static final AtomicInteger SEQ = new AtomicInteger();

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
                TestInfrastructure.postgresPassword(), "outcome", "wish")) {
            ScopeMatrix matrix = new ScopeMatrix("evaluation", e.api,
                    ScopeMatrix.signedWith("support-test-keys/jwt-private.pem"), scene, database);
            projects(matrix);
            matrix.rule("GET /api/v1/indicators").on(() -> Call.get("/api/v1/indicators?organisationId=" + community
                            + "&year=" + e.year))
                    .allow(STAFF_IN_SCOPE)
                    .elsewhere(() -> Call.get("/api/v1/indicators?organisationId=" + UUID.randomUUID() + "&year="
                            + e.year), UNPROCESSABLE);
            matrix.rule("GET /api/v1/me").on(() -> Call.get("/api/v1/me")).allow(Who.AUTHENTICATED);
            assertThat(matrix.run().calls()).isGreaterThan(300);
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

    private static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    private static Set<Who> union(Set<Who> a, Set<Who> b) {
        EnumSet<Who> all = EnumSet.copyOf(a);
        all.addAll(b);
        return all;
    }
}
