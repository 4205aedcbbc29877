package cn.zhangzhou.partybuilding.gateway;

import static org.awaitility.Awaitility.await;

import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.fuzz.Fuzzer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bad input for every operation of evaluation, generated from its OpenAPI document (docs/reliability.md, "Bad
 * input"): the district's operations as a DISTRICT_ADMIN (the level above every organisation), a self-assessment as
 * the community's own staff, a mutual rating as a peer's staff, a member's rating as a member living in the community,
 * a resident's rating with no token at all. The scene: an open round and a closed one, a project with its target, a
 * contract, the community's member as the secretary; cadres, codes and everything else are ids or codes the service
 * does not hold. The tables fed by the other services' events (outcomes, wishes, cadres) are left out of the check.
 */
class EvaluationFuzzTest {

    private static final String SERVICE = "evaluation";
    private static final int YEAR = 2026;
    private final FuzzedDistrict d = FuzzedDistrict.get();

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String secretary = d.member(d.community);
        String member = d.member(d.community);
        Map<String, Object> weights = Map.of("self", 20, "mutual", 20, "assessment", 20, "members", 10,
                "residents", 20, "objective", 10);
        String open = created(path("/rounds"), Map.of("year", YEAR, "level", "COMMUNITY", "weights", weights));
        String closed = created(path("/rounds"), Map.of("year", YEAR, "level", "STREET", "weights",
                Map.of("self", 0, "mutual", 0, "assessment", 100, "members", 0, "residents", 0, "objective", 0)));
        d.require(d.gateway.post(path("/rounds/" + closed + "/close"), FuzzedDistrict.admin(), Map.of("version", 1)),
                200);
        Api.Response project = await().atMost(Duration.ofSeconds(30)).until(() -> d.gateway.post(path("/projects"),
                FuzzedDistrict.admin(), project(secretary)), r -> r.status() == 201);
        String target = project.body().path("targets").get(0).path("id").asString();
        String contract = created(path("/contracts"), Map.of("year", YEAR, "organisationId", d.community,
                "secretaryId", secretary, "projectIds", List.of(project.id())));
        Fuzzer fuzzer = d.fuzzer(SERVICE).caller(FuzzedDistrict.admin())
                .caller(FuzzedDistrict.staffToken(d.community), "POST /api/v1/rounds/{id}/self-assessments")
                .caller(FuzzedDistrict.staffToken(d.otherCommunity), "POST /api/v1/rounds/{id}/mutual-ratings")
                .caller(FuzzedDistrict.memberToken(member), "POST /api/v1/rounds/{id}/member-ratings")
                .caller(null, "POST /api/v1/resident-ratings")
                .id("rounds/{id}", open, closed)
                .id("projects/{id}", project.id())
                .id("contracts/{id}", contract)
                .id("{targetId}", target)
                .id("{organisationId}", d.community)
                .id("{memberId}", secretary, member)
                .id("{id}", UUID.randomUUID())
                .value("communityId", d.community).value("organisationId", d.community)
                .value("secretaryId", secretary).value("memberId", secretary).value("year", YEAR)
                .value("version", 1).value("month", YEAR + "-03").value("score", 80).value("count", 5)
                .value("level", "COMMUNITY").value("valueFound", 3);
        d.fuzz(SERVICE, fuzzer, "outcome", "wish", "cadre");
    }

    private Map<String, Object> project(String secretary) {
        return Map.of("organisationId", d.community, "year", YEAR, "title", "微心愿圆梦项目", "need", "困难群众的微心愿无人认领",
                "secretaryId", secretary, "targets", List.of(Map.of("indicator", "微心愿认领并确认完成", "unit", "个",
                        "targetValue", 5)),
                "milestones", List.of(Map.of("title", "建立需求清单", "dueOn", YEAR + "-03-31")));
    }

    private String created(String path, Map<String, Object> body) {
        return d.require(d.gateway.post(path, FuzzedDistrict.admin(), body), 201).id();
    }

    private String path(String rest) {
        return d.path(SERVICE, rest);
    }
}
