package cn.zhangzhou.partybuilding.local;

import static cn.zhangzhou.partybuilding.platform.PlatformService.EVALUATION;
import static cn.zhangzhou.partybuilding.platform.PlatformService.MEMBERSHIP;
import static cn.zhangzhou.partybuilding.platform.PlatformService.VOLUNTEERING;
import static cn.zhangzhou.partybuilding.platform.PlatformService.WISHES;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.local.WishesLoader.Caller;
import cn.zhangzhou.partybuilding.local.demo.DemoData;
import cn.zhangzhou.partybuilding.local.demo.DemoDataSet;
import cn.zhangzhou.partybuilding.local.demo.DemoMember;
import cn.zhangzhou.partybuilding.local.demo.DemoOrganisation;
import cn.zhangzhou.partybuilding.local.demo.DemoVolunteering;
import cn.zhangzhou.partybuilding.platform.ServiceClient;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import tools.jackson.databind.JsonNode;

/**
 * The volunteering and evaluation demo data against the real services of 芗城区 (membership, wishes, volunteering,
 * evaluation from their built jars, hosted as the local platform hosts them; one test, as a JVM holds one host): its
 * membership and wishes demo data first, then the volunteering loader, whose patrol hours the volunteering service
 * reports approved, then the evaluation loader; every figure is read back through the services' APIs, and the closed
 * round's objective part counts the other services' events — the patrol's hours among them.
 */
class EvaluationLoaderTest {

    private static final String D = DemoVolunteering.DISTRICT;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void loadsTheVolunteeringAndEvaluationDemoWhoseScoresShowTheOtherServicesEventsAndEveryComponent(
            @TempDir Path dir) throws Exception {
        DemoDataSet demo = DemoData.generate(List.of(D));
        try (DistrictServices services = DistrictServices.inHost(D, dir); Parallel parallel = new Parallel()) {
            ServiceClient membership = new ServiceClient(services.urls.get(MEMBERSHIP), () -> token(
                    new Caller(Role.DISTRICT_SYSTEM, null, null)));
            new DemoLoader(demo, Map.of(D, membership), out).load(parallel);
            WishesLoader wishes = new WishesLoader(demo, Map.of(D, new WishesLoader.District(D, membership,
                    membership.at(services.urls.get(WISHES)), this::token)), out);
            wishes.load(parallel);
            ServiceClient volunteering = membership.at(services.urls.get(VOLUNTEERING));
            VolunteeringLoader hours = new VolunteeringLoader(wishes, volunteering, (d, c) -> token(c), out);
            assertThat(hours.alreadyLoaded()).isFalse();
            hours.load();
            Map<String, Integer> patrolMinutes = patrolHoursApproved(demo, wishes, volunteering, hours);

            ServiceClient evaluation = membership.at(services.urls.get(EVALUATION));
            EvaluationLoader loader = new EvaluationLoader(wishes, Map.of(D, evaluation), (d, c) -> token(c), out);
            assertThat(loader.alreadyLoaded()).isFalse();
            assertThat(loader.year(D)).isEqualTo(hours.hoursYear());

            loader.load(parallel);

            assertThat(loader.alreadyLoaded()).isTrue();
            int year = loader.year(D);
            Map<String, UUID> orgs = wishes.organisations(D);
            List<DemoOrganisation> focus = loader.focus(D);
            JsonNode round = loader.round(D);
            assertThat(round.path("status").asString()).isEqualTo("CLOSED");
            String scores = "/rounds/" + round.path("id").asString() + "/scores";
            List<DemoOrganisation> communities = demo.district(D).organisations(OrganisationType.COMMUNITY);
            JsonNode ranking = evaluation.getOk(scores, Map.of());
            assertThat(ranking).hasSize(communities.size());
            ranking.forEach(line -> assertThat(line.path("score").isNull()).isFalse());
            assertThat(ranking.get(0).path("grade").asString()).isEqualTo("EXCELLENT");

            // Every component of the community the members rate: self, the district's assessment, residents and
            // members from 5 raters each; mutual only when the street's focus gives it at least 5 peers.
            DemoOrganisation rated = loader.ratedByMembers(D);
            JsonNode explained = evaluation.getOk(scores + "/" + orgs.get(rated.code()), Map.of());
            Map<String, JsonNode> parts = new HashMap<>();
            explained.path("computed").path("components").forEach(p -> parts.put(p.path("component").asString(), p));
            assertThat(parts.get("SELF").path("reported").asBoolean()).isTrue();
            assertThat(parts.get("ASSESSMENT").path("reported").asBoolean()).isTrue();
            assertThat(parts.get("RESIDENTS").path("raters").asInt()).isEqualTo(EvaluationLoader.RESIDENT_CODES);
            assertThat(parts.get("MEMBERS").path("raters").asInt()).isEqualTo(EvaluationLoader.MEMBER_RATERS);
            assertThat(parts.get("MUTUAL").path("reported").asBoolean()).isEqualTo(focus.size() - 1 >= 5);
            // The objective part: confirmed demo wishes and accepted reports (membership's and wishes' events), and
            // the project's targets found met on site (our own events).
            Map<String, JsonNode> indicators = new HashMap<>();
            parts.get("OBJECTIVE").path("indicators").forEach(i -> indicators.put(i.path("kind").asString(), i));
            assertThat(indicators.get("WISHES_CONFIRMED").path("value").decimalValue()).isPositive();
            assertThat(indicators.get("WISHES_CONFIRMED").path("sourceType").asString())
                    .isEqualTo("zz.wishes.WishConfirmed.v1");
            assertThat(indicators.get("TARGETS_MET").path("value").decimalValue()).isPositive();
            assertThat(indicators.get("TARGETS_MET").path("sources")).isNotEmpty();
            long reports = demo.district(D).members().stream().filter(m -> m.reportsToResidence()
                    && rated.code().equals(m.residenceCommunityCode())).count();
            assertThat(indicators.get("MEMBER_REPORTS_ACCEPTED").path("value").decimalValue())
                    .isEqualByComparingTo(BigDecimal.valueOf(reports));
            // ... and the patrol's approved hours (volunteering's events) in each community they served.
            for (Map.Entry<String, Integer> e : patrolMinutes.entrySet()) {
                JsonNode served = indicator(evaluation.getOk(scores + "/" + orgs.get(e.getKey()), Map.of()),
                        "HOURS_SERVED");
                assertThat(served.path("value").decimalValue()).as("HOURS_SERVED of %s", e.getKey())
                        .isEqualByComparingTo(BigDecimal.valueOf(e.getValue()).divide(BigDecimal.valueOf(60), 2,
                                RoundingMode.HALF_UP));
                assertThat(served.path("sourceType").asString()).isEqualTo("zz.volunteering.HoursApproved.v1");
            }

            // 以项定责: the street's projects published, its own and its communities' contracts signed.
            UUID street = orgs.get(loader.street(D).code());
            JsonNode projects = evaluation.getOk("/projects", Map.of("organisationId", street.toString(), "year",
                    String.valueOf(year)));
            assertThat(projects.path("items")).hasSize(focus.size())
                    .allSatisfy(p -> assertThat(p.path("status").asString()).isEqualTo("PUBLISHED"));
            JsonNode contracts = evaluation.getOk("/contracts", Map.of("organisationId", street.toString(), "year",
                    String.valueOf(year)));
            assertThat(contracts).hasSize(focus.size() + 1)
                    .allSatisfy(c -> assertThat(c.path("status").asString()).isEqualTo("SIGNED"));

            // 保障: every fund of a community outside the focus is under the floor, and of the focus only the last
            // community's mass-service fund.
            UUID last = orgs.get(focus.get(focus.size() - 1).code());
            JsonNode below = evaluation.getOk("/funds/below-floor", Map.of("organisationId", orgs.get("DC").toString(),
                    "year", String.valueOf(year)));
            List<String> flagged = new ArrayList<>();
            below.forEach(b -> flagged.add(b.toString()));
            assertThat(flagged).hasSize(communities.size() * 2 - (focus.size() * 2 - 1))
                    .anyMatch(b -> b.contains(last.toString()) && b.contains("MASS_SERVICE"));
            // Its score was calibrated by the district, with the reason, and the trail keeps the computed score.
            JsonNode calibrated = evaluation.getOk(scores + "/" + last, Map.of());
            assertThat(calibrated.path("calibrations")).hasSize(1);
            assertThat(calibrated.path("score").decimalValue())
                    .isGreaterThan(calibrated.path("computed").path("score").decimalValue());

            // Cadres (decision 0027): every cadre of the focus communities scored from their community's score and
            // the district's assessment of them; next January's pay line of each has the award from their own score.
            List<DemoMember> cadres = loader.cadres(D, focus);
            assertThat(cadres).isNotEmpty();
            JsonNode cadreScores = evaluation.getOk("/rounds/" + round.path("id").asString() + "/cadre-scores",
                    Map.of());
            Map<String, BigDecimal> cadreScore = new HashMap<>();
            cadreScores.forEach(c -> cadreScore.put(c.path("memberId").asString(), c.path("score").decimalValue()));
            for (DemoMember cadre : cadres) {
                String member = wishes.memberId(D, cadre.key()).toString();
                assertThat(cadreScore).containsKey(member);
                JsonNode own = evaluation.getOk("/rounds/" + round.path("id").asString() + "/cadre-scores/" + member,
                        Map.of());
                assertThat(own.path("parts").get(1).path("source").asString()).isEqualTo("ASSESSMENT");
                assertThat(own.path("parts").get(1).path("reported").asBoolean()).isTrue();
            }
            DemoMember head = cadres.get(0);
            JsonNode sheet = evaluation.getOk("/pay-sheets", Map.of("communityId",
                    orgs.get(head.homeOrganisationCode()).toString(), "month", (year + 1) + "-01"));
            assertThat(sheet.path("yearEndScore").isNull()).isFalse();
            assertThat(sheet.path("lines")).isNotEmpty().allSatisfy(line -> {
                assertThat(line.path("yearEndScore").decimalValue())
                        .isEqualByComparingTo(cadreScore.get(line.path("memberId").asString()));
                assertThat(line.path("awardYuan").asInt()).isBetween(300, 500);
            });

            // A second run of either loader finds it loaded and changes nothing.
            JsonNode before = evaluation.getOk(scores, Map.of());
            hours.load();
            assertThat(hours.patrolMinutes()).isEqualTo(patrolMinutes.values().stream().mapToLong(m -> m).sum());
            loader.load(parallel);
            assertThat(evaluation.getOk(scores, Map.of())).isEqualTo(before);
            // The loaders' progress, with how long each took, for whoever reads the test's output.
            System.out.print(output.toString(StandardCharsets.UTF_8));
            assertThat(output.toString(StandardCharsets.UTF_8)).contains("evaluation demo data loaded in",
                    "entries of its hours approved in");
        }
    }

    /**
     * The patrol's hours as the volunteering service reports them — every entry approved, on the volunteer's
     * community's post, in the evaluation's year; the street's report — returned as minutes by community code.
     */
    private static Map<String, Integer> patrolHoursApproved(DemoDataSet demo, WishesLoader wishes,
                                                            ServiceClient volunteering, VolunteeringLoader loader) {
        assertThat(loader.alreadyLoaded()).isTrue();
        assertThat(loader.patrolTeamSize()).isEqualTo(DemoVolunteering.PATROL_TEAM_SIZE);
        List<DemoVolunteering.Shift> shifts = DemoVolunteering.patrolHours(demo.district(D));
        Map<String, Integer> minutesByCommunity = shifts.stream().collect(Collectors.groupingBy(
                s -> s.member().residenceCommunityCode(), Collectors.summingInt(DemoVolunteering.Shift::minutes)));
        assertThat(minutesByCommunity).hasSizeGreaterThan(1);
        assertThat(loader.patrolMinutes()).isEqualTo(shifts.stream().mapToLong(DemoVolunteering.Shift::minutes).sum());
        for (DemoVolunteering.Shift s : shifts) {
            UUID member = wishes.memberId(D, s.member().key());
            List<JsonNode> entries = volunteering.getAllOk("/volunteers/" + member + "/hours", Map.of());
            assertThat(entries).singleElement().satisfies(h -> {
                assertThat(h.path("status").asString()).isEqualTo("APPROVED");
                assertThat(h.path("minutes").asInt()).isEqualTo(s.minutes());
                assertThat(h.path("servedOn").asString()).startsWith(String.valueOf(loader.hoursYear()));
                assertThat(h.path("communityId").asString()).isEqualTo(wishes.organisations(D)
                        .get(s.member().residenceCommunityCode()).toString());
            });
        }
        JsonNode report = volunteering.getOk("/reports/volunteering", Map.of("organisationId",
                loader.patrolStreet().toString(), "from", loader.hoursYear() + "-01-01",
                "to", loader.hoursYear() + "-12-31"));
        assertThat(report.path("activeVolunteers").asLong()).isEqualTo(shifts.size());
        assertThat(report.path("postsPublished").asLong()).isEqualTo(minutesByCommunity.size());
        return minutesByCommunity;
    }

    private static JsonNode indicator(JsonNode explained, String kind) {
        for (JsonNode part : explained.path("computed").path("components")) {
            for (JsonNode i : part.path("indicators")) {
                if (kind.equals(i.path("kind").asString())) {
                    return i;
                }
            }
        }
        throw new AssertionError(kind + " not in " + explained);
    }

    private String token(Caller c) {
        return TestTokens.token(c.role(), D, c.org(), c.member());
    }
}
