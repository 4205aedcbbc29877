package cn.zhangzhou.partybuilding.evaluation.project;

import static cn.zhangzhou.partybuilding.evaluation.testing.RunningEvaluation.require;
import static org.assertj.core.api.Assertions.assertThat;

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
 * 以需立项、以项定责、以责评绩: a community's project answers its wishes, its staff report progress and hand in the
 * year-end report (述职); the street reviews it, checks every target on site and publishes the results (结果通报).
 */
class ProjectTest {

    private static final RunningEvaluation e = RunningEvaluation.get();

    private final UUID street = e.feed.street();
    private final UUID community = e.feed.community(street);
    private final UUID secretary = e.feed.member(community);

    static Map<String, Object> body(UUID organisation, int year, List<UUID> wishes, String need, UUID secretary) {
        return new java.util.HashMap<>(Map.of("organisationId", organisation, "year", year, "title", "困难群众帮扶",
                "wishIds", wishes, "need", need == null ? "" : need, "secretaryId", secretary,
                "targets", List.of(Map.of("indicator", "帮扶困难群众", "unit", "户", "targetValue", 35),
                        Map.of("indicator", "志愿服务", "unit", "次", "targetValue", 150)),
                "milestones", List.of(Map.of("title", "摸排需求", "dueOn", year + "-03-31"))));
    }

    @Test
    void aProjectFromWishesToPublishedResults() {
        UUID wish = e.feed.wish(community);
        try (EventTap tap = EventTap.open(e.topic())) {
            Api.Response launched = require(e.api.post("/api/v1/projects", e.staff(community),
                    body(community, e.year, List.of(wish), null, secretary)), 201);
            String id = launched.id();
            assertThat(launched.body().path("status").asString()).isEqualTo("ACTIVE");
            assertThat(EventTap.payload(tap.awaitType(EvaluationEvents.PROJECT_LAUNCHED.ceType(), id)))
                    .contains(wish.toString(), secretary.toString(), "\"targets\":2");

            String milestone = launched.body().path("milestones").get(0).path("id").asString();
            Api.Response progressed = require(e.api.post("/api/v1/projects/" + id + "/progress", e.staff(community),
                    Map.of("note", "完成入户摸排", "milestoneId", milestone)), 200);
            assertThat(progressed.body().path("milestones").get(0).path("reachedOn").isNull()).isFalse();
            assertThat(e.api.post("/api/v1/projects/" + id + "/progress", e.staff(community),
                    Map.of("note", "again", "milestoneId", milestone)).status()).isEqualTo(409);

            Api.Response reported = require(e.api.post("/api/v1/projects/" + id + "/report", e.staff(community),
                    Map.of("version", progressed.version(), "report", "全年帮扶37户")), 200);
            assertThat(reported.body().path("status").asString()).isEqualTo("REPORTED");

            JsonNode targets = reported.body().path("targets");
            String first = targets.get(0).path("id").asString();
            String second = targets.get(1).path("id").asString();
            // Its own staff do not check their own targets: the level above does.
            assertThat(e.api.post("/api/v1/projects/" + id + "/targets/" + first + "/check", e.staff(community),
                    Map.of("valueFound", 37)).status()).isEqualTo(403);
            Api.Response checked = require(e.api.post("/api/v1/projects/" + id + "/targets/" + first + "/check",
                    e.streetStaff(street), Map.of("valueFound", 37)), 200);
            assertThat(checked.body().path("targets").get(0).path("met").asBoolean()).isTrue();
            assertThat(checked.body().path("targets").get(0).path("checkedBy").asString()).isNotBlank();
            assertThat(e.api.post("/api/v1/projects/" + id + "/targets/" + first + "/check", e.streetStaff(street),
                    Map.of("valueFound", 40)).status()).isEqualTo(409);
            assertThat(EventTap.payload(tap.awaitType(EvaluationEvents.PROJECT_TARGET_CHECKED.ceType(), id)))
                    .contains("\"valueFound\":37", "\"met\":true");

            // Not publishable before every target is checked and the report reviewed.
            assertThat(e.api.post("/api/v1/projects/" + id + "/publish", e.streetStaff(street),
                    Map.of("version", checked.version())).raw()).contains(second);
            Api.Response second2 = require(e.api.post("/api/v1/projects/" + id + "/targets/" + second + "/check",
                    e.admin(), Map.of("valueFound", 120)), 200);
            assertThat(second2.body().path("targets").get(1).path("met").asBoolean()).isFalse();
            Api.Response reviewed = require(e.api.post("/api/v1/projects/" + id + "/review", e.streetStaff(street),
                    Map.of("version", second2.version(), "grade", "GOOD", "comment", "帮扶扎实，志愿服务次数不足")), 200);
            Api.Response published = require(e.api.post("/api/v1/projects/" + id + "/publish",
                    e.streetStaff(street), Map.of("version", reviewed.version())), 200);
            assertThat(published.body().path("status").asString()).isEqualTo("PUBLISHED");
            assertThat(EventTap.payload(tap.awaitType(EvaluationEvents.PROJECT_RESULTS_PUBLISHED.ceType(), id)))
                    .contains("\"targets\":2", "\"targetsMet\":1", "\"review\":\"GOOD\"");

            // The target found met is a verified outcome of the community, read back from our own topic.
            e.feed.awaitOutcome(UUID.fromString(first));
            JsonNode indicators = require(e.api.get("/api/v1/indicators?organisationId=" + community + "&year="
                    + e.year, e.staff(community)), 200).body().path("indicators");
            assertThat(indicators.get(4).path("kind").asString()).isEqualTo("TARGETS_MET");
            assertThat(indicators.get(4).path("value").asInt()).isEqualTo(1);
            assertThat(indicators.get(4).path("sources").get(0).asString()).isEqualTo(first);
        }
    }

    @Test
    void aProjectNeedsANeedKnownWishesOfItsOwnCommunitiesAndASecretaryOfTheDistrict() {
        UUID elsewhere = e.feed.community(e.feed.street());
        UUID otherWish = e.feed.wish(elsewhere);
        problem(e.api.post("/api/v1/projects", e.staff(community), body(community, e.year, List.of(), null,
                secretary)), 422, "need");
        problem(e.api.post("/api/v1/projects", e.staff(community), body(community, e.year,
                List.of(UUID.randomUUID()), null, secretary)), 422, "wishIds");
        problem(e.api.post("/api/v1/projects", e.staff(community), body(community, e.year, List.of(otherWish), null,
                secretary)), 422, "wishIds");
        problem(e.api.post("/api/v1/projects", e.staff(community), body(community, e.year, List.of(), "老旧小区改造",
                UUID.randomUUID())), 422, "secretaryId");
        // A street's staff set up the street's own project from a recorded need.
        Api.Response street = require(e.api.post("/api/v1/projects", e.streetStaff(this.street),
                body(this.street, e.year, List.of(), "老旧小区改造", secretary)), 201);
        assertThat(street.body().path("need").asString()).isEqualTo("老旧小区改造");
        // ... which only the district checks and reviews.
        String id = street.id();
        long version = require(e.api.post("/api/v1/projects/" + id + "/report", e.streetStaff(this.street),
                Map.of("version", 1, "report", "完成")), 200).version();
        assertThat(e.api.post("/api/v1/projects/" + id + "/review", e.streetStaff(this.street),
                Map.of("version", version, "grade", "EXCELLENT", "comment", "自评")).status()).isEqualTo(403);
        require(e.api.post("/api/v1/projects/" + id + "/review", e.admin(),
                Map.of("version", version, "grade", "EXCELLENT", "comment", "好")), 200);
        assertThat(e.api.post("/api/v1/projects/" + id + "/report", e.streetStaff(this.street),
                Map.of("version", version, "report", "again")).status()).isEqualTo(409);
    }

    private static void problem(Api.Response r, int status, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.isProblem()).isTrue();
        assertThat(r.raw()).contains(field);
    }
}
