package cn.zhangzhou.partybuilding.local;

import static cn.zhangzhou.partybuilding.platform.PlatformService.EVALUATION;
import static cn.zhangzhou.partybuilding.platform.PlatformService.MEMBERSHIP;
import static cn.zhangzhou.partybuilding.platform.PlatformService.VOLUNTEERING;
import static cn.zhangzhou.partybuilding.platform.PlatformService.WISHES;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventTap;

/**
 * What a district's services do, whichever way they run (decision 0019): probes and problems, security, idempotency,
 * the outbox relay, the membership events the district's wishes service learns from, one winning claim, and each
 * service's own database history, meters and log. {@link ServiceBehaviourInOwnJvmsTest} runs these scenarios against
 * services in JVMs of their own, {@link ServiceBehaviourInHostTest} against the same jars hosted in one JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServiceBehaviour {

    /** A read of each district service that needs a token. */
    private static final Map<PlatformService, String> SECURED = Map.of(MEMBERSHIP, "/api/v1/statistics",
            WISHES, "/api/v1/claims/mine", VOLUNTEERING, "/api/v1/posts", EVALUATION, "/api/v1/rounds");

    private DistrictServices services;

    /** A district's services, started the way the subclass tests. */
    abstract DistrictServices start(Path dir);

    @BeforeAll
    void startServices(@TempDir Path dir) {
        services = start(dir);
    }

    @AfterAll
    void stopServices() throws Exception {
        if (services != null) {
            services.close();
        }
    }

    private DistrictServices services() {
        return services;
    }

    /** The name its log gives it when it has started: its Spring Boot application class. */
    private static String application(PlatformService service) {
        return service.id().substring(0, 1).toUpperCase() + service.id().substring(1) + "Application";
    }

    private Api api(PlatformService service) {
        return services().apis.get(service);
    }

    private String admin() {
        return TestTokens.token(Role.DISTRICT_ADMIN, services().district, null, null);
    }

    @Test
    void answersItsProbesAndRefusesCallersWithoutTheRightToken() {
        for (PlatformService s : PlatformService.districtServices()) {
            assertThat(api(s).get("/actuator/health/readiness", null).status()).as(s.id()).isEqualTo(200);
            assertThat(api(s).get("/actuator/health/liveness", null).status()).as(s.id()).isEqualTo(200);
            Api.Response anonymous = api(s).get(SECURED.get(s), null);
            assertThat(anonymous.status()).as(s.id()).isEqualTo(401);
            assertThat(anonymous.isProblem()).as(s.id()).isTrue();
        }
        String otherDistrict = TestTokens.token(Role.DISTRICT_ADMIN, "huaan", null, null);
        Api.Response foreign = api(MEMBERSHIP).get("/api/v1/statistics", otherDistrict);
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.isProblem()).isTrue();
    }

    @Test
    void answersARepeatedCreateFromItsRecordAndBadInputWithAProblem() {
        Map<String, Object> street = organisation("STREET_COMMITTEE", committee());
        String key = "behaviour-" + UUID.randomUUID();
        Api.Response first = api(MEMBERSHIP).post("/api/v1/organisations", admin(), street,
                Map.of("Idempotency-Key", key));
        Api.Response again = api(MEMBERSHIP).post("/api/v1/organisations", admin(), street,
                Map.of("Idempotency-Key", key));
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");

        Map<String, Object> member = member(first.id(), first.id());
        member.remove("name");
        Api.Response invalid = api(MEMBERSHIP).post("/api/v1/members", admin(), member);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.isProblem()).isTrue();
        assertThat(invalid.raw()).contains("name");
        // A rule of the domain: membership is held in a community, not in a street.
        member.put("name", "王小明");
        Api.Response refused = api(MEMBERSHIP).post("/api/v1/members", admin(), member);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.raw()).contains("homeOrganisationId");
    }

    @Test
    void publishesThroughItsOutboxAndTheDistrictsWishesServiceLearnsFromTheEvents() {
        String street = create(organisation("STREET_COMMITTEE", committee()));
        String community = create(organisation("COMMUNITY", street));
        String first;
        String second;
        try (EventTap tap = EventTap.open(Topics.events(services().district, MEMBERSHIP.id()))) {
            first = register(member(community, community));
            second = register(member(community, community));
            tap.awaitType("zz.membership.MemberRegistered.v1", first);
            tap.awaitType("zz.membership.MemberRegistered.v1", second);
        }
        Api wishes = api(WISHES);
        String year = String.valueOf(LocalDate.now().getYear());
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> wishes.get("/api/v1/reports/wishes?organisationId="
                + community + "&year=" + year, admin()).status() == 200);
        Api.Response posted = wishes.post("/api/v1/wishes", admin(), wish(community));
        assertThat(posted.status()).isEqualTo(201);
        assertThat(wishes.post("/api/v1/wishes/" + posted.id() + "/publish", admin(),
                Map.of("version", posted.version())).status()).isEqualTo(200);

        String claim = "/api/v1/wishes/" + posted.id() + "/claim";
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> wishes.post(claim, memberToken(first), null)
                .status() == 201);
        Api.Response loser = wishes.post(claim, memberToken(second), null);
        assertThat(loser.status()).isEqualTo(409);
        assertThat(loser.isProblem()).isTrue();

        // Each service's meters are its own, also when they share a JVM.
        String wishMeters = wishes.get("/actuator/prometheus", null).raw();
        String membershipMeters = api(MEMBERSHIP).get("/actuator/prometheus", null).raw();
        assertThat(wishMeters).contains("zz_wishes_transitions_total{").contains("transition=\"CLAIM\"");
        assertThat(membershipMeters).contains("zz_events_published_total{").contains("MemberRegistered")
                .doesNotContain("zz_wishes_transitions_total");
    }

    @Test
    void keepsItsOwnSchemaHistoryAndLog() throws Exception {
        for (PlatformService s : PlatformService.districtServices()) {
            assertThat(rows(services().databases.get(s), "flyway_schema_history")).as(s.id()).isPositive();
            assertThat(rows(services().databases.get(s), "messaging_schema_history")).as(s.id()).isPositive();
            String log = Files.readString(services().logs.get(s), StandardCharsets.UTF_8);
            assertThat(log).as(s.id()).contains("Started " + application(s));
            for (PlatformService other : PlatformService.districtServices()) {
                if (other != s) {
                    assertThat(log).as(s.id()).doesNotContain("Started " + application(other));
                }
            }
        }
    }

    /** The district's root: one per district, made by the first scenario that needs it. */
    private String committee() {
        Api.Response found = api(MEMBERSHIP).get("/api/v1/organisations?type=DISTRICT_COMMITTEE", admin());
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        return found.body().path("items").isEmpty() ? create(organisation("DISTRICT_COMMITTEE", null))
                : found.body().path("items").get(0).path("id").asString();
    }

    private String create(Map<String, Object> organisation) {
        Api.Response created = api(MEMBERSHIP).post("/api/v1/organisations", admin(), organisation);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    private String register(Map<String, Object> member) {
        Api.Response created = api(MEMBERSHIP).post("/api/v1/members", admin(), member);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    private String memberToken(String member) {
        return TestTokens.token(Role.MEMBER, services().district, null, UUID.fromString(member));
    }

    /** A new organisation's body, with a code of its own. */
    static Map<String, Object> organisation(String type, String parent) {
        Map<String, Object> body = new HashMap<>();
        String code = "B" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        body.put("code", code);
        body.put("name", "行为测试" + code);
        body.put("type", type);
        body.put("parentId", parent);
        return body;
    }

    private Map<String, Object> member(String home, String community) {
        return member(home, services().district, community);
    }

    /** A member registered in {@code home}, living in {@code community} of {@code residenceDistrict}. */
    static Map<String, Object> member(String home, String residenceDistrict, String community) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "王小明" + UUID.randomUUID().toString().substring(0, 4));
        body.put("phone", "13900000000");
        body.put("idNumber", "35060219800101123X");
        body.put("address", "漳州市某路1号");
        body.put("homeOrganisationId", home);
        body.put("residenceDistrict", residenceDistrict);
        body.put("residenceCommunityId", community);
        body.put("category", "IN_SERVICE");
        body.put("specialties", List.of("法律"));
        return body;
    }

    private static Map<String, Object> wish(String community) {
        Map<String, Object> body = new HashMap<>();
        body.put("communityId", community);
        body.put("category", "DAILY_NECESSITIES");
        body.put("description", "一袋大米和一桶食用油");
        body.put("estimatedValueYuan", 120);
        body.put("beneficiary", Map.of("name", "王秀英", "phone", "13800001111", "address", "某路8号"));
        return body;
    }

    private static long rows(String jdbcUrl, String table) throws Exception {
        try (var connection = DriverManager.getConnection(jdbcUrl, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword());
             var result = connection.createStatement().executeQuery("select count(*) from " + table)) {
            result.next();
            return result.getLong(1);
        }
    }
}
