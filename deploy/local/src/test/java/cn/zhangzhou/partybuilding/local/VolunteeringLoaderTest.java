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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.zhangzhou.partybuilding.local.WishesLoader.Caller;
import cn.zhangzhou.partybuilding.local.demo.DemoData;
import cn.zhangzhou.partybuilding.local.demo.DemoDataSet;
import cn.zhangzhou.partybuilding.local.demo.DemoVolunteering;
import cn.zhangzhou.partybuilding.platform.ServiceClient;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import tools.jackson.databind.JsonNode;

/**
 * 芗城区's volunteering demo data against the real services of the district (from their built jars, hosted as the
 * local platform hosts them): its membership and wishes demo data first, then the volunteering loader, whose patrol
 * hours the volunteering service reports approved, then the evaluation loader, whose closed round counts them
 * (HOURS_SERVED) in the objective part of the patrol's communities.
 */
class VolunteeringLoaderTest {

    private static final String D = DemoVolunteering.DISTRICT;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void recordsThePatrolSHoursApprovedWhichTheEvaluationRoundCountsPerCommunity(@TempDir Path dir)
            throws Exception {
        DemoDataSet demo = DemoData.generate(List.of(D));
        try (DistrictServices services = DistrictServices.inHost(D, dir); Parallel parallel = new Parallel()) {
            ServiceClient membership = new ServiceClient(services.urls.get(MEMBERSHIP), () -> token(
                    new Caller(Role.DISTRICT_SYSTEM, null, null)));
            new DemoLoader(demo, Map.of(D, membership), out).load(parallel);
            WishesLoader wishes = new WishesLoader(demo, Map.of(D, new WishesLoader.District(D, membership,
                    membership.at(services.urls.get(WISHES)), this::token)), out);
            wishes.load(parallel);
            ServiceClient volunteering = membership.at(services.urls.get(VOLUNTEERING));
            VolunteeringLoader loader = new VolunteeringLoader(wishes, volunteering, (d, c) -> token(c), out);
            assertThat(loader.alreadyLoaded()).isFalse();

            loader.load();

            assertThat(loader.alreadyLoaded()).isTrue();
            assertThat(loader.patrolTeamSize()).isEqualTo(DemoVolunteering.PATROL_TEAM_SIZE);
            List<DemoVolunteering.Shift> shifts = DemoVolunteering.patrolHours(demo.district(D));
            Map<String, Integer> minutesByCommunity = shifts.stream().collect(Collectors.groupingBy(
                    s -> s.member().residenceCommunityCode(), Collectors.summingInt(DemoVolunteering.Shift::minutes)));
            assertThat(minutesByCommunity).hasSizeGreaterThan(1);
            long minutes = shifts.stream().mapToLong(DemoVolunteering.Shift::minutes).sum();
            // The service's own report of 南坑街道's year, and each volunteer's entry: approved, on their community's
            // post, recorded by the district system and decided by someone else.
            assertThat(loader.patrolMinutes()).isEqualTo(minutes);
            for (DemoVolunteering.Shift s : shifts) {
                UUID member = wishes.memberId(D, s.member().key());
                List<JsonNode> hours = volunteering.getAllOk("/volunteers/" + member + "/hours", Map.of());
                assertThat(hours).singleElement().satisfies(h -> {
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

            // A second run finds it loaded; loading again anyway records nothing twice.
            loader.load();
            assertThat(loader.patrolMinutes()).isEqualTo(minutes);

            // The evaluation round of the same year counts the hours in each community's objective part.
            ServiceClient evaluation = membership.at(services.urls.get(EVALUATION));
            EvaluationLoader evaluations = new EvaluationLoader(wishes, Map.of(D, evaluation), (d, c) -> token(c),
                    out);
            assertThat(evaluations.year(D)).isEqualTo(loader.hoursYear());
            evaluations.load(parallel);
            assertThat(evaluations.alreadyLoaded()).isTrue();
            JsonNode round = evaluations.round(D);
            assertThat(round.path("status").asString()).isEqualTo("CLOSED");
            for (Map.Entry<String, Integer> e : minutesByCommunity.entrySet()) {
                UUID community = wishes.organisations(D).get(e.getKey());
                JsonNode explained = evaluation.getOk("/rounds/" + round.path("id").asString() + "/scores/"
                        + community, Map.of());
                JsonNode served = null;
                for (JsonNode part : explained.path("computed").path("components")) {
                    for (JsonNode i : part.path("indicators")) {
                        if ("HOURS_SERVED".equals(i.path("kind").asString())) {
                            served = i;
                        }
                    }
                }
                assertThat(served).as("HOURS_SERVED of %s in %s", e.getKey(), explained).isNotNull();
                assertThat(served.path("value").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(e.getValue())
                        .divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP));
                assertThat(served.path("sourceType").asString()).isEqualTo("zz.volunteering.HoursApproved.v1");
            }
            System.out.print(output.toString(StandardCharsets.UTF_8));
            assertThat(output.toString(StandardCharsets.UTF_8)).contains("entries of its hours approved in");
        }
    }

    private String token(Caller c) {
        return TestTokens.token(c.role(), D, c.org(), c.member());
    }
}
