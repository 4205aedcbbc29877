package cn.zhangzhou.partybuilding.evaluation.responsibility;

import static cn.zhangzhou.partybuilding.evaluation.testing.RunningEvaluation.require;
import static org.assertj.core.api.Assertions.assertThat;

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
 * 以项定责: responsibility contracts signed level by level (district → street committee → community organisation),
 * listing projects and their targets, with who signed and when; and every committee secretary who leads no community
 * project, listed.
 */
class ContractTest {

    private static final RunningEvaluation e = RunningEvaluation.get();
    private static final int YEAR = 2035;

    private final UUID street = e.feed.street();
    private final UUID a = e.feed.community(street);
    private final UUID b = e.feed.community(street);
    private final UUID headA = head(a);
    private final UUID headB = head(b);
    private final UUID streetSecretary = e.feed.member(a);

    /** The head (主干) of the community's two committees, as membership registers them. */
    private static UUID head(UUID community) {
        UUID head = e.feed.member(RunningEvaluation.DISTRICT, community, CadreRole.HEAD, community);
        e.feed.awaitRow("cadre where member_id = '" + head + "'");
        return head;
    }

    private String project(UUID community, UUID secretary) {
        return require(e.api.post("/api/v1/projects", e.staff(community), Map.of("organisationId", community,
                "year", YEAR, "title", "便民服务", "need", "老人就医难", "secretaryId", secretary,
                "targets", List.of(Map.of("indicator", "陪诊服务", "unit", "次", "targetValue", 50)))), 201).id();
    }

    @Test
    void contractsAreSignedLevelByLevelAndSecretariesWithoutAProjectAreListed() {
        String projectA = project(a, headA);
        try (EventTap tap = EventTap.open(e.topic())) {
            // The district with the street committee: the district's administrators issue it.
            Map<String, Object> toStreet = Map.of("year", YEAR, "organisationId", street,
                    "secretaryId", streetSecretary, "projectIds", List.of(projectA));
            assertThat(e.api.post("/api/v1/contracts", e.streetStaff(street), toStreet).status()).isEqualTo(403);
            Api.Response streetContract = require(e.api.post("/api/v1/contracts", e.admin(), toStreet), 201);
            assertThat(streetContract.body().path("issuerId").asString()).isEqualTo(e.feed.district().toString());
            assertThat(e.api.post("/api/v1/contracts", e.admin(), toStreet).status()).isEqualTo(409);

            // The street committee with community A, listing A's project and its targets.
            Api.Response contract = require(e.api.post("/api/v1/contracts", e.streetStaff(street), Map.of("year", YEAR,
                    "organisationId", a, "secretaryId", headA, "projectIds", List.of(projectA))), 201);
            String id = contract.id();
            JsonNode listed = contract.body().path("projects").get(0);
            assertThat(listed.path("projectId").asString()).isEqualTo(projectA);
            assertThat(listed.path("targets").get(0).path("indicator").asString()).isEqualTo("陪诊服务");
            assertThat(contract.body().path("issuedBy").asString()).isNotBlank();
            assertThat(contract.body().path("status").asString()).isEqualTo("ISSUED");
            assertThat(EventTap.payload(tap.awaitType(EvaluationEvents.RESPONSIBILITY_CONTRACT_ISSUED.ceType(), id)))
                    .contains(projectA, "\"targets\":1");
            // Another street's project cannot be listed.
            UUID elsewhere = e.feed.community(e.feed.street());
            Api.Response foreign = e.api.post("/api/v1/contracts", e.streetStaff(street), Map.of("year", YEAR,
                    "organisationId", b, "secretaryId", headB, "projectIds", List.of(project(elsewhere,
                    e.feed.member(elsewhere)))));
            assertThat(foreign.status()).isEqualTo(422);
            assertThat(foreign.raw()).contains("projectIds");

            // A countersigns (its own staff only, once).
            assertThat(e.api.post("/api/v1/contracts/" + id + "/sign", e.streetStaff(street), Map.of("version", 1))
                    .status()).isEqualTo(403);
            JsonNode signed = require(e.api.post("/api/v1/contracts/" + id + "/sign", e.staff(a),
                    Map.of("version", 1)), 200).body();
            assertThat(signed.path("status").asString()).isEqualTo("SIGNED");
            assertThat(signed.path("signedAt").isNull()).isFalse();
            assertThat(e.api.post("/api/v1/contracts/" + id + "/sign", e.staff(a), Map.of("version", 2)).status())
                    .isEqualTo(409);
            assertThat(EventTap.payload(tap.awaitType(EvaluationEvents.RESPONSIBILITY_CONTRACT_SIGNED.ceType(), id)))
                    .contains(headA.toString());
        }
        assertThat(require(e.api.get("/api/v1/contracts?organisationId=" + street + "&year=" + YEAR,
                e.streetStaff(street)), 200).body().size()).isEqualTo(2);
        assertThat(e.api.get("/api/v1/contracts?organisationId=" + street + "&year=" + YEAR, e.staff(a)).status())
                .isEqualTo(403);

        // B's head leads no community project, nor does the street's secretary; A's head does.
        String gaps = require(e.api.get("/api/v1/secretaries/without-project?organisationId=" + street + "&year="
                + YEAR, e.streetStaff(street)), 200).raw();
        assertThat(gaps).contains(headB.toString(), streetSecretary.toString(), "STREET_COMMITTEE")
                .doesNotContain(headA.toString());
        assertThat(require(e.api.get("/api/v1/secretaries/without-project?organisationId=" + a + "&year=" + YEAR,
                e.staff(a)), 200).body().size()).isZero();
        assertThat(e.api.get("/api/v1/secretaries/without-project?organisationId=" + b + "&year=" + YEAR,
                e.staff(a)).status()).isEqualTo(403);
        // Once B's head leads a community project, the gap closes.
        project(b, headB);
        assertThat(require(e.api.get("/api/v1/secretaries/without-project?organisationId=" + street + "&year="
                + YEAR, e.admin()), 200).raw()).doesNotContain(headB.toString());
    }
}
