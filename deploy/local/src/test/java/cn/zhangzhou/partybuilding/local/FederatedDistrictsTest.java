package cn.zhangzhou.partybuilding.local;

import static cn.zhangzhou.partybuilding.platform.PlatformService.DASHBOARD;
import static cn.zhangzhou.partybuilding.platform.PlatformService.MEMBERSHIP;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.zhangzhou.partybuilding.embedded.KafkaBroker;
import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.local.host.HostedJar;
import cn.zhangzhou.partybuilding.local.host.HostedService;
import cn.zhangzhou.partybuilding.local.host.ServiceHost;
import cn.zhangzhou.partybuilding.platform.Federation;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.platform.PlatformService.Instance;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import cn.zhangzhou.partybuilding.testing.Api;

/**
 * Two districts' membership services and the dashboard, from their built jars in one host, on a broker with SASL/SCRAM
 * and the ACL authorizer on: each connects as its own principal with the ACLs of {@link Federation}, configured by
 * properties only. Longwen goes offline (its context closed) while Xiangcheng goes on publishing; the dashboard marks
 * Longwen stale; when Longwen returns it consumes everything it missed exactly once, and the dashboard shows it fresh.
 */
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

    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        broker = KafkaBroker.startSecured(dir.resolve("kafka"), "admin-secret");
        Federation.acls(DISTRICTS).forEach((user, acls) -> {
            broker.createUser(user, secret(user));
            broker.grant(acls);
        });
        Path keyFile = Files.writeString(dir.resolve("jwt-public.pem"), TestTokens.publicKeyPem());
        for (PlatformService s : List.of(MEMBERSHIP, DASHBOARD)) {
            jars.put(s.id(), HostedJar.unpack(DistrictServices.ROOT.resolve(s.jar()), dir.resolve("host")));
        }
        host = ServiceHost.create(jars.values(), dir.resolve("host"), dir.resolve("logs"));
        for (String d : DISTRICTS) {
            configure(MEMBERSHIP.in(d), Federation.principal(d), keyFile);
        }
        configure(DASHBOARD.instance(), Federation.DASHBOARD, keyFile)
                .put("zz.dashboard.stale-after", STALE_AFTER.toString());
        configurations.keySet().forEach(FederatedDistrictsTest::startService);
    }

    @AfterAll
    static void stop() {
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
        assertThat(count("membership", "longwen", "select count(*) from processed_event where consumer = ?",
                "membership-directory")).as("each of Xiangcheng's 10 events applied once").isEqualTo(10);
        create("longwen", "STREET_COMMITTEE", longwenCommittee);
        await(() -> !stale("longwen") && dashboardOrganisations("longwen") == 2);
        assertThat(dashboardOrganisations("xiangcheng")).isEqualTo(10);
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
