package cn.zhangzhou.partybuilding.local;

import static cn.zhangzhou.partybuilding.platform.PlatformService.EVALUATION;
import static cn.zhangzhou.partybuilding.platform.PlatformService.MEMBERSHIP;
import static cn.zhangzhou.partybuilding.platform.PlatformService.WISHES;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.zhangzhou.partybuilding.local.WishesLoader.Caller;
import cn.zhangzhou.partybuilding.local.demo.DemoData;
import cn.zhangzhou.partybuilding.local.demo.DemoDataSet;
import cn.zhangzhou.partybuilding.local.demo.DemoMember;
import cn.zhangzhou.partybuilding.local.demo.DemoOrganisation;
import cn.zhangzhou.partybuilding.platform.ServiceClient;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import tools.jackson.databind.JsonNode;

/**
 * The evaluation demo year against the real services of 龙文区 (membership, wishes, volunteering, evaluation from their
 * built jars, hosted as the local platform hosts them): its membership and wishes demo data first, then the
 * evaluation loader; every figure is read back through the evaluation API.
 */
class EvaluationLoaderTest {

    private static final String D = "longwen";

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void loadsAYearOfEvaluationWhoseScoresShowTheOtherServicesEventsAndEveryComponent(@TempDir Path dir)
            throws Exception {
        DemoDataSet demo = DemoData.generate(List.of(D));
        try (DistrictServices services = DistrictServices.inHost(D, dir); Parallel parallel = new Parallel()) {
            ServiceClient membership = new ServiceClient(services.urls.get(MEMBERSHIP), () -> token(
                    new Caller(Role.DISTRICT_SYSTEM, null, null)));
            new DemoLoader(demo, Map.of(D, membership), out).load(parallel);
            WishesLoader wishes = new WishesLoader(demo, Map.of(D, new WishesLoader.District(D, membership,
                    membership.at(services.urls.get(WISHES)), this::token)), out);
            wishes.load(parallel);
            ServiceClient evaluation = membership.at(services.urls.get(EVALUATION));
            EvaluationLoader loader = new EvaluationLoader(wishes, Map.of(D, evaluation), (d, c) -> token(c), out);
            assertThat(loader.alreadyLoaded()).isFalse();

            loader.load(parallel);

            assertThat(loader.alreadyLoaded()).isTrue();
            int year = loader.year(D);
            Map<String, UUID> orgs = wishes.organisations(D);
            JsonNode round = loader.round(D);
            assertThat(round.path("status").asString()).isEqualTo("CLOSED");
            String scores = "/rounds/" + round.path("id").asString() + "/scores";
            List<DemoOrganisation> communities = demo.district(D).organisations(
                    cn.zhangzhou.partybuilding.events.membership.OrganisationType.COMMUNITY);
            JsonNode ranking = evaluation.getOk(scores, Map.of());
            assertThat(ranking).hasSize(communities.size());
            ranking.forEach(line -> assertThat(line.path("score").isNull()).isFalse());
            assertThat(ranking.get(0).path("grade").asString()).isEqualTo("EXCELLENT");

            // Every component of the community the members rate: residents and members from 5 raters each; the
            // street's 5 communities give each only 4 peers, under the anonymity floor, so mutual is not reported.
            DemoOrganisation rated = loader.ratedByMembers(D);
            JsonNode explained = evaluation.getOk(scores + "/" + orgs.get(rated.code()), Map.of());
            Map<String, JsonNode> parts = new HashMap<>();
            explained.path("computed").path("components").forEach(p -> parts.put(p.path("component").asString(), p));
            assertThat(parts.get("SELF").path("reported").asBoolean()).isTrue();
            assertThat(parts.get("ASSESSMENT").path("reported").asBoolean()).isTrue();
            assertThat(parts.get("RESIDENTS").path("raters").asInt()).isEqualTo(EvaluationLoader.RESIDENT_CODES);
            assertThat(parts.get("MEMBERS").path("raters").asInt()).isEqualTo(EvaluationLoader.MEMBER_RATERS);
            assertThat(loader.focus(D)).hasSize(5);
            assertThat(parts.get("MUTUAL").path("reported").asBoolean()).isFalse();
            assertThat(parts.get("MUTUAL").path("value").isNull()).isTrue();
            // The objective part: the community's confirmed demo wish and accepted reports (membership's and wishes'
            // events), and its project's targets found met on site (our own events).
            Map<String, JsonNode> indicators = new HashMap<>();
            parts.get("OBJECTIVE").path("indicators").forEach(i -> indicators.put(i.path("kind").asString(), i));
            assertThat(indicators.get("WISHES_CONFIRMED").path("value").decimalValue()).isEqualByComparingTo("1");
            assertThat(indicators.get("WISHES_CONFIRMED").path("sourceType").asString())
                    .isEqualTo("zz.wishes.WishConfirmed.v1");
            assertThat(indicators.get("TARGETS_MET").path("value").decimalValue()).isPositive();
            assertThat(indicators.get("TARGETS_MET").path("sources")).isNotEmpty();
            long reports = demo.district(D).members().stream().filter(m -> m.reportsToResidence()
                    && rated.code().equals(m.residenceCommunityCode())).count();
            assertThat(indicators.get("MEMBER_REPORTS_ACCEPTED").path("value").decimalValue())
                    .isEqualByComparingTo(BigDecimal.valueOf(reports));

            // 以项定责: the street's 5 projects published, its own and its communities' contracts signed.
            UUID street = orgs.get(loader.street(D).code());
            JsonNode projects = evaluation.getOk("/projects", Map.of("organisationId", street.toString(), "year",
                    String.valueOf(year)));
            assertThat(projects.path("items")).hasSize(5)
                    .allSatisfy(p -> assertThat(p.path("status").asString()).isEqualTo("PUBLISHED"));
            JsonNode contracts = evaluation.getOk("/contracts", Map.of("organisationId", street.toString(), "year",
                    String.valueOf(year)));
            assertThat(contracts).hasSize(6)
                    .allSatisfy(c -> assertThat(c.path("status").asString()).isEqualTo("SIGNED"));

            // 保障: the last focus community's mass-service fund is under the floor, and only it.
            UUID last = orgs.get(loader.focus(D).get(4).code());
            JsonNode below = evaluation.getOk("/funds/below-floor", Map.of("organisationId", orgs.get("DC").toString(),
                    "year", String.valueOf(year)));
            List<String> flagged = new ArrayList<>();
            below.forEach(b -> flagged.add(b.toString()));
            assertThat(flagged).hasSize(communities.size() * 2 - 9).anyMatch(b -> b.contains(last.toString())
                    && b.contains("MASS_SERVICE"));
            // Its score was calibrated by the district, with the reason, and the trail keeps the computed score.
            JsonNode calibrated = evaluation.getOk(scores + "/" + last, Map.of());
            assertThat(calibrated.path("calibrations")).hasSize(1);
            assertThat(calibrated.path("score").decimalValue())
                    .isGreaterThan(calibrated.path("computed").path("score").decimalValue());

            // Pay: a community with cadres has next January's award from this year's score.
            DemoMember cadre = demo.district(D).members().stream().filter(m -> m.cadreRole() != null).findFirst()
                    .orElseThrow();
            JsonNode sheet = evaluation.getOk("/pay-sheets", Map.of("communityId",
                    orgs.get(cadre.homeOrganisationCode()).toString(), "month", (year + 1) + "-01"));
            assertThat(sheet.path("lines")).isNotEmpty();
            assertThat(sheet.path("score").isNull()).isFalse();
            assertThat(sheet.path("awardYuan").asInt()).isBetween(300, 500);

            // A second run finds it loaded and changes nothing.
            JsonNode before = evaluation.getOk(scores, Map.of());
            loader.load(parallel);
            assertThat(evaluation.getOk(scores, Map.of())).isEqualTo(before);
            // The loaders' progress, with how long each took, for whoever reads the test's output.
            System.out.print(output.toString(StandardCharsets.UTF_8));
            assertThat(output.toString(StandardCharsets.UTF_8)).contains("evaluation demo data loaded in");
        }
    }

    private String token(Caller c) {
        return TestTokens.token(c.role(), D, c.org(), c.member());
    }
}
