package cn.zhangzhou.partybuilding.membership.testing;

import static org.awaitility.Awaitility.await;

import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventFeed;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.events.membership.OrganisationCreated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.membership.MembershipApplication;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;

/**
 * The membership service of one district, running for real: its own PostgreSQL database, the shared
 * real Kafka broker, a real HTTP port. One per district per test JVM, shared by the test classes (each
 * test makes its own data), stopped when the JVM exits.
 */
public final class RunningDistrict implements AutoCloseable {

    private static final Map<String, RunningDistrict> RUNNING = new ConcurrentHashMap<>();

    public final String district;
    public final ConfigurableApplicationContext context;
    public final Api api;
    public final String jdbcUrl;
    private volatile String rootId;

    private RunningDistrict(String district) {
        this(district, TestInfrastructure.kafkaBootstrapServers());
        Runtime.getRuntime().addShutdownHook(new Thread(context::close, "membership-" + district + "-shutdown"));
    }

    private RunningDistrict(String district, String kafkaBootstrapServers) {
        this.district = district;
        this.jdbcUrl = TestInfrastructure.newDatabase("membership_" + district);
        this.context = new SpringApplicationBuilder(MembershipApplication.class, ConsumerRule.class)
                .run(
                        "--server.port=0",
                        "--zz.district=" + district,
                        "--spring.datasource.url=" + jdbcUrl,
                        "--spring.datasource.username=" + TestInfrastructure.postgresUser(),
                        "--spring.datasource.password=" + TestInfrastructure.postgresPassword(),
                        "--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers,
                        // (command-line arguments: they win over application.yml)
                        // A fresh group per run: a test JVM never inherits offsets of an earlier run.
                        "--spring.kafka.consumer.group-id=membership-" + district + "-" + UUID.randomUUID(),
                        "--" + TestTokens.KEY_PROPERTY);
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        this.api = new Api("http://localhost:" + port);
    }

    /** A service of its own on the given broker (for tests that stop the broker); close it when done. */
    public static RunningDistrict isolated(String district, String kafkaBootstrapServers) {
        return new RunningDistrict(district, kafkaBootstrapServers);
    }

    @Override
    public void close() {
        context.close();
    }

    public static RunningDistrict xiangcheng() {
        return of("xiangcheng");
    }

    public static RunningDistrict longwen() {
        return of("longwen");
    }

    public static RunningDistrict of(String district) {
        return RUNNING.computeIfAbsent(district, RunningDistrict::new);
    }

    public String topic() {
        return Topics.events(district, "membership");
    }

    public String admin() {
        return TestTokens.token(Role.DISTRICT_ADMIN, district, null, null);
    }

    public String staff(Role role, String org) {
        return TestTokens.token(role, district, UUID.fromString(org), null);
    }

    public String member(String memberId) {
        return TestTokens.token(Role.MEMBER, district, null, UUID.fromString(memberId));
    }

    /** The district committee (区委), created once per running district. */
    public synchronized String root() {
        if (rootId == null) {
            Api.Response created = api.post("/api/v1/organisations", admin(), Map.of(
                    "code", district.toUpperCase(), "name", district + " district committee",
                    "type", "DISTRICT_COMMITTEE"));
            if (created.status() != 201) {
                throw new IllegalStateException("cannot create the district committee: " + created);
            }
            rootId = created.id();
        }
        return rootId;
    }

    /** Repeats the call until it answers {@code status}: what one district learns from another's events. */
    public static Api.Response eventually(Supplier<Api.Response> call, int status) {
        return eventually(call, status, r -> true);
    }

    public static Api.Response eventually(Supplier<Api.Response> call, int status, Predicate<Api.Response> condition) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(call::get, r -> r.status() == status && condition.test(r));
    }

    /**
     * Publishes a valid OrganisationCreated of another district (a topic this service consumes), as that district's
     * relay would. Returns its {@code ce_id}.
     */
    public static String publishOrganisation(String fromDistrict, UUID organisation, String name) {
        return EventFeed.send(fromDistrict, "membership", MembershipEvents.ORGANISATION_CREATED,
                new OrganisationCreated(organisation, "ORG-" + organisation.toString().substring(0, 8), name,
                        OrganisationType.COMMUNITY, UUID.randomUUID())).id().toString();
    }

    /** Rows in one of the service's tables, straight from its database: "nothing changed" checks. */
    public long rows(String table) {
        try (var connection = java.sql.DriverManager.getConnection(jdbcUrl, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword());
             var result = connection.createStatement().executeQuery("select count(*) from " + table)) {
            result.next();
            return result.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
