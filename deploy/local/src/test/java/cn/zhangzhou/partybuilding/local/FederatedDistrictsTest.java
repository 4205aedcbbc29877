package cn.zhangzhou.partybuilding.local;

import static cn.zhangzhou.partybuilding.platform.PlatformService.DASHBOARD;
import static cn.zhangzhou.partybuilding.platform.PlatformService.GATEWAY;
import static cn.zhangzhou.partybuilding.platform.PlatformService.MEMBERSHIP;
import static cn.zhangzhou.partybuilding.platform.PlatformService.VOLUNTEERING;
import static cn.zhangzhou.partybuilding.platform.PlatformService.WISHES;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import cn.zhangzhou.partybuilding.embedded.FreePorts;
import cn.zhangzhou.partybuilding.embedded.KafkaBroker;
import cn.zhangzhou.partybuilding.embedded.ProcessJar;
import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.local.host.HostedJar;
import cn.zhangzhou.partybuilding.local.host.HostedService;
import cn.zhangzhou.partybuilding.local.host.ServiceHost;
import cn.zhangzhou.partybuilding.platform.Federation;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.platform.PlatformService.Instance;
import cn.zhangzhou.partybuilding.platform.ServiceProcess;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import cn.zhangzhou.partybuilding.testing.Api;

/**
 * Two districts' membership services and the dashboard, from their built jars in one host, on a broker with SASL/SCRAM
 * and the ACL authorizer on: each connects as its own principal with the ACLs of {@link Federation}, configured by
 * properties only. Longwen goes offline (its context closed) while Xiangcheng goes on publishing; the dashboard marks
 * Longwen stale; when Longwen returns it consumes everything it missed exactly once, and the dashboard shows it fresh.
 * Then 双报到 across the two districts through the gateway (Xiangcheng's wishes and volunteering services in the host
 * too, the gateway in a JVM of its own): a Longwen member living in Xiangcheng reports to their community there,
 * claims and fulfils a wish there and serves a post there, all with their Longwen token, and Longwen's membership
 * service shows that service at home.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederatedDistrictsTest {

    private static final List<String> DISTRICTS = List.of("xiangcheng", "longwen");
    /** Short, so that "a day offline" is a few seconds of silence. */
    private static final Duration STALE_AFTER = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofMinutes(2);

    private static KafkaBroker broker;
    private static ServiceHost host;
    private static final Map<String, HostedJar> jars = new LinkedHashMap<>();
    private static final Map<String, Map<String, String>> configurations = new HashMap<>();
    private static final Map<String, HostedService> running = new LinkedHashMap<>();
    private static ServiceProcess gateway;
    private static Api viaGateway;

    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        broker = KafkaBroker.startSecured(dir.resolve("kafka"), "admin-secret");
        Federation.acls(DISTRICTS).forEach((user, acls) -> {
            broker.createUser(user, secret(user));
            broker.grant(acls);
        });
        Path keyFile = Files.writeString(dir.resolve("jwt-public.pem"), TestTokens.publicKeyPem());
        for (PlatformService s : List.of(MEMBERSHIP, WISHES, VOLUNTEERING, DASHBOARD)) {
            jars.put(s.id(), HostedJar.unpack(DistrictServices.ROOT.resolve(s.jar()), dir.resolve("host")));
        }
        host = ServiceHost.create(jars.values(), dir.resolve("host"), dir.resolve("logs"));
        for (String d : DISTRICTS) {
            configure(MEMBERSHIP.in(d), Federation.principal(d), keyFile);
        }
        configure(WISHES.in("xiangcheng"), Federation.principal("xiangcheng"), keyFile);
        configure(VOLUNTEERING.in("xiangcheng"), Federation.principal("xiangcheng"), keyFile);
        configure(DASHBOARD.instance(), Federation.DASHBOARD, keyFile)
                .put("zz.dashboard.stale-after", STALE_AFTER.toString());
        // The gateway's JVM starts while the hosted services do; it needs none of them to be ready.
        startGateway(dir, keyFile);
        configurations.keySet().forEach(FederatedDistrictsTest::startService);
        gateway.awaitReady(Instant.now().plus(DistrictServices.START));
    }

    /** The gateway in a JVM of its own (a host holds servlet services), routing every district service configured. */
    private static void startGateway(Path dir, Path keyFile) {
        int port = FreePorts.find();
        Map<String, String> c = new HashMap<>();
        c.put("server.port", String.valueOf(port));
        c.put("spring.security.oauth2.resourceserver.jwt.public-key-location", "file:" + keyFile);
        configurations.forEach((name, configuration) -> {
            if (name.contains("-")) {
                String[] serviceAndDistrict = name.split("-", 2);
                c.put("zz.gateway.districts." + serviceAndDistrict[1] + "." + serviceAndDistrict[0],
                        "http://localhost:" + configuration.get("server.port"));
            }
        });
        gateway = ServiceProcess.start("gateway", ProcessJar.besideJar(DistrictServices.ROOT.resolve(GATEWAY.jar())),
                DistrictServices.ROOT, port, ServiceConfiguration.environment(c), List.of("-XX:TieredStopAtLevel=1"),
                dir.resolve("logs/gateway.log"));
        viaGateway = new Api("http://localhost:" + port);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        List<HostedService> services = new ArrayList<>(running.values());
        Collections.reverse(services);
        services.forEach(HostedService::close);
        if (host != null) {
            host.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void aDistrictOfflineForADayCatchesUpExactlyOnceAndTheDashboardShowsItStaleMeanwhile() throws Exception {
        String xiangchengCommittee = create("xiangcheng", "DISTRICT_COMMITTEE", null);
        String longwenCommittee = create("longwen", "DISTRICT_COMMITTEE", null);
        for (int i = 0; i < 3; i++) {
            create("xiangcheng", "STREET_COMMITTEE", xiangchengCommittee);
        }
        // Each service works under its own principal: Longwen learns Xiangcheng's tree, the dashboard both districts'.
        await(() -> externalOrganisations() == 4 && dashboardOrganisations("xiangcheng") == 4
                && dashboardOrganisations("longwen") == 1 && !stale("longwen"));

        running.remove(MEMBERSHIP.in("longwen").name()).close();
        for (int i = 0; i < 5; i++) {
            create("xiangcheng", "STREET_COMMITTEE", xiangchengCommittee);
        }
        await(() -> stale("longwen") && dashboardOrganisations("xiangcheng") == 9);
        create("xiangcheng", "STREET_COMMITTEE", xiangchengCommittee);
        await(() -> !stale("xiangcheng") && stale("longwen"));
        assertThat(externalOrganisations()).as("nothing reaches Longwen while it is offline").isEqualTo(4);

        startService(MEMBERSHIP.in("longwen").name());
        await(() -> externalOrganisations() == 10);
        assertThat(count("membership", "longwen", "select count(*) from consumed_aggregate where consumer = ? "
                + "and source = '/districts/xiangcheng/membership' and last_version > 0", "membership-directory"))
                .as("each of Xiangcheng's 10 organisations applied at its version").isEqualTo(10);
        create("longwen", "STREET_COMMITTEE", longwenCommittee);
        await(() -> !stale("longwen") && dashboardOrganisations("longwen") == 2);
        assertThat(dashboardOrganisations("xiangcheng")).isEqualTo(10);
    }

    @Test
    @Order(2)
    void aLongwenMemberServesInXiangchengThroughTheGatewayWithTheirHomeTokenAndLongwenShowsItAtHome() {
        String xcCommunity = create("xiangcheng", "COMMUNITY", create("xiangcheng", "STREET_COMMITTEE",
                root("xiangcheng")));
        String lwCommunity = create("longwen", "COMMUNITY", create("longwen", "STREET_COMMITTEE", root("longwen")));
        String xcAdmin = TestTokens.token(Role.DISTRICT_ADMIN, "xiangcheng", null, null);
        String lwAdmin = TestTokens.token(Role.DISTRICT_ADMIN, "longwen", null, null);
        // Longwen knows Xiangcheng's new community from Xiangcheng's events, not at once.
        await(() -> count("membership", "longwen", "select count(*) from external_organisation where id = ?::uuid",
                xcCommunity) == 1);
        Api.Response registered = api("membership-longwen").post("/api/v1/members", lwAdmin,
                ServiceBehaviour.member(lwCommunity, "xiangcheng", xcCommunity));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        UUID member = UUID.fromString(registered.id());
        String visitor = TestTokens.token(Role.MEMBER, "longwen", null, member);

        // 报到: to the community where they live, with their Longwen token through the gateway, once Xiangcheng has
        // heard of them from Longwen's events; Xiangcheng's staff accept.
        Api.Response report = eventually(() -> viaGateway.post("/api/v1/xiangcheng/membership/member-reports",
                visitor, Map.of("memberId", member, "memberDistrict", "longwen", "communityId", xcCommunity)), 201);
        ok(api("membership-xiangcheng").post("/api/v1/member-reports/" + report.id() + "/accept", xcAdmin, null));

        // A wish of that community: claimed, the beneficiary contacted and the wish fulfilled (through the gateway,
        // with the Longwen token), confirmed by staff.
        Api wishes = api("wishes-xiangcheng");
        String wish = eventually(() -> wishes.post("/api/v1/wishes", xcAdmin, wishOf(xcCommunity)), 201).id();
        ok(wishes.post("/api/v1/wishes/" + wish + "/publish", xcAdmin, Map.of("version", 1)));
        String wishPath = "/api/v1/xiangcheng/wishes/wishes/" + wish;
        eventually(() -> viaGateway.post(wishPath + "/claim", visitor, null), 201);
        ok(viaGateway.post(wishPath + "/contacted", visitor, null));
        ok(viaGateway.post(wishPath + "/fulfilment", visitor, Map.of("note", "米和油已送到王阿姨家")));
        long version = ok(wishes.get("/api/v1/wishes/" + wish, xcAdmin)).body().path("version").asLong();
        ok(wishes.post("/api/v1/wishes/" + wish + "/confirm", xcAdmin, Map.of("version", version)));

        // A post of that community: claimed and 90 minutes served (hours claimed, approved by staff).
        Api volunteering = api("volunteering-xiangcheng");
        String post = eventually(() -> volunteering.post("/api/v1/posts", xcAdmin, postOf(xcCommunity)), 201).id();
        String posts = "/api/v1/xiangcheng/volunteering/posts/" + post;
        eventually(() -> viaGateway.post(posts + "/claims", visitor, null), 201);
        Api.Response hours = viaGateway.post("/api/v1/xiangcheng/volunteering/hours", visitor, Map.of(
                "shiftKind", "POST", "shiftId", post, "servedOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString(),
                "minutes", 90, "reason", "帮居民调解邻里纠纷，忘了扫码签到"));
        assertThat(hours.status()).as(hours.toString()).isEqualTo(201);
        ok(volunteering.post("/api/v1/hours/" + hours.id() + "/approve", xcAdmin,
                Map.of("version", hours.body().path("version").asLong())));

        // At home: Longwen's membership service shows the report and the hours served in Xiangcheng, to its admin
        // and, through the gateway, to the member.
        Api.Response served = eventually(() -> api("membership-longwen").get("/api/v1/members/" + member
                + "/service-elsewhere", lwAdmin), r -> r.status() == 200 && r.body().path("serviceMinutes").asLong() == 90);
        assertThat(served.body().path("byDistrict").get(0).path("district").asString()).isEqualTo("xiangcheng");
        Api.Response reports = eventually(() -> viaGateway.get("/api/v1/longwen/membership/members/" + member
                + "/reports-elsewhere", visitor), r -> r.status() == 200 && r.raw().contains("ACCEPTED"));
        assertThat(reports.raw()).contains(xcCommunity).contains("xiangcheng");
        // And the city's view counts the wish and the minutes in Xiangcheng.
        String cityAdmin = TestTokens.token(Role.CITY_ADMIN, null, null, null);
        eventually(() -> api(DASHBOARD.id()).get("/api/v1/city", cityAdmin), r -> r.status() == 200
                && r.body().path("total").path("wishesConfirmed").asLong() >= 1
                && r.body().path("total").path("serviceMinutes").asLong() >= 90);
    }

    private static Map<String, Object> wishOf(String community) {
        return Map.of("communityId", community, "category", "DAILY_NECESSITIES", "description", "一袋大米和一桶食用油",
                "estimatedValueYuan", 120, "beneficiary", Map.of("name", "王秀英", "phone", "13800001111",
                        "address", "某路8号"));
    }

    private static Map<String, Object> postOf(String community) {
        return Map.of("communityId", community, "publisher", "COMMUNITY", "title", "邻里调解岗",
                "description", "在党群服务中心调解邻里纠纷", "place", "党群服务中心一楼", "requirement", "NONE",
                "schedule", "OPEN_ENDED", "startsAt", Instant.now().minus(Duration.ofHours(2)).toString(),
                "capacity", 5);
    }

    /** The district's committee, the root the first test made (or makes it, when run alone). */
    private static String root(String district) {
        Api.Response found = api(MEMBERSHIP.in(district).name()).get("/api/v1/organisations?type=DISTRICT_COMMITTEE",
                TestTokens.token(Role.DISTRICT_ADMIN, district, null, null));
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        var content = found.body().path("items");
        return content.isEmpty() ? create(district, "DISTRICT_COMMITTEE", null) : content.get(0).path("id").asString();
    }

    /** A call retried while the service has not yet heard, from the events, of what it names. */
    private static Api.Response eventually(java.util.function.Supplier<Api.Response> call, int status) {
        return eventually(call, r -> r.status() == status);
    }

    private static Api.Response eventually(java.util.function.Supplier<Api.Response> call,
                                           java.util.function.Predicate<Api.Response> done) {
        java.util.concurrent.atomic.AtomicReference<Api.Response> last = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> done.test(remember(last, call.get())));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("never got there; last answer: " + last.get(), e);
        }
        return last.get();
    }

    private static Api.Response remember(java.util.concurrent.atomic.AtomicReference<Api.Response> last,
                                         Api.Response response) {
        last.set(response);
        return response;
    }

    private static Api.Response ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 299);
        return response;
    }

    private static Map<String, String> configure(Instance instance, String principal, Path keyFile) {
        Map<String, String> c = DistrictServices.configuration(instance, broker.bootstrapServers(), keyFile,
                DISTRICTS);
        KafkaBroker.scramClient(principal, secret(principal))
                .forEach((key, value) -> c.put("spring.kafka.properties." + key, value));
        configurations.put(instance.name(), c);
        return c;
    }

    private static void startService(String name) {
        String jar = name.contains("-") ? name.substring(0, name.indexOf('-')) : name;
        HostedService service = host.start(name, jars.get(jar), ServiceConfiguration.hosted(configurations.get(name)));
        running.put(name, service);
        service.awaitReady(Instant.now().plus(DistrictServices.START));
    }

    private static String create(String district, String type, String parent) {
        String admin = TestTokens.token(Role.DISTRICT_ADMIN, district, null, null);
        Api.Response created = api(MEMBERSHIP.in(district).name()).post("/api/v1/organisations", admin,
                ServiceBehaviour.organisation(type, parent));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    private static boolean stale(String district) {
        Api.Response freshness = api(DASHBOARD.id()).get("/api/v1/freshness",
                TestTokens.token(Role.CITY_ADMIN, null, null, null));
        assertThat(freshness.status()).as(freshness.toString()).isEqualTo(200);
        for (var row : freshness.body()) {
            if (row.path("district").asString().equals(district)) {
                return row.path("stale").asBoolean();
            }
        }
        throw new AssertionError("no freshness of " + district + ": " + freshness);
    }

    /** Xiangcheng's organisations in Longwen's directory. */
    private static long externalOrganisations() throws SQLException {
        return count("membership", "longwen", "select count(*) from external_organisation where district = ?",
                "xiangcheng");
    }

    private static long dashboardOrganisations(String district) throws SQLException {
        return count("dashboard", null, "select count(*) from organisation where district = ?", district);
    }

    private static long count(String service, String district, String sql, String parameter) throws SQLException {
        String name = district == null ? service : service + "-" + district;
        try (Connection c = DriverManager.getConnection(configurations.get(name).get("spring.datasource.url"),
                TestInfrastructure.postgresUser(), TestInfrastructure.postgresPassword());
             var statement = c.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Api api(String name) {
        return new Api("http://localhost:" + configurations.get(name).get("server.port"));
    }

    private static void await(CheckedCondition condition) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(condition::holds);
    }

    private interface CheckedCondition {
        boolean holds() throws Exception;
    }

    private static String secret(String user) {
        return user + "-secret";
    }
}
