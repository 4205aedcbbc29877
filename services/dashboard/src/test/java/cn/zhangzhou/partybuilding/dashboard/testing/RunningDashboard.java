package cn.zhangzhou.partybuilding.dashboard.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cn.zhangzhou.partybuilding.dashboard.DashboardApplication;
import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.DistrictFixture;
import cn.zhangzhou.partybuilding.testing.TestClock;

/**
 * The one fixture of the dashboard tests: the dashboard running for real (its own PostgreSQL database, the shared
 * real Kafka broker, a real HTTP port, a {@link TestClock} that only moves forward) with the {@link ArticleCity}
 * fed to it as the districts' relays would publish it and consumed, started once per test JVM. Tests add their own
 * rows without changing the article's figures (their own organisations, other years, other figures). A test class
 * states what it uses: {@code RunningDashboard d = RunningDashboard.get()}. The dashboard serves the city; the
 * tokens {@link DistrictFixture} mints without a district name are Xiangcheng's.
 */
public final class RunningDashboard extends DistrictFixture {

    private static RunningDashboard instance;

    public final ConfigurableApplicationContext context;
    public final String baseUrl;
    public final Api api;
    public final TestClock clock = new TestClock();
    /** The article's city, once {@link #get()} returns: every event consumed. */
    public ArticleCity city;

    private RunningDashboard(String database, String... tokenKeys) {
        super(ArticleCity.XIANGCHENG, TestInfrastructure.newDatabase(database),
                (role, district, org, member) -> TestTokens.token(Role.valueOf(role), district, org, member));
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + TestInfrastructure.postgresUser(),
                "--spring.datasource.password=" + TestInfrastructure.postgresPassword(),
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                        // A fresh group per instance: it reads every topic from the beginning.
                "--spring.kafka.consumer.group-id=dashboard-" + UUID.randomUUID(),
                        // A pattern subscription sees topics created after it started within a second.
                "--spring.kafka.consumer.properties.metadata.max.age.ms=1000"));
        args.addAll(List.of(tokenKeys));
        this.context = new SpringApplicationBuilder(DashboardApplication.class)
                .initializers(c -> c.getBeanFactory().registerSingleton("clock", clock))
                .run(args.toArray(String[]::new));
        Runtime.getRuntime().addShutdownHook(new Thread(context::close, database + "-shutdown"));
        this.baseUrl = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        this.api = new Api(baseUrl);
    }

    public static synchronized RunningDashboard get() {
        if (instance == null) {
            instance = new RunningDashboard("dashboard", "--" + TestTokens.KEY_PROPERTY);
            instance.city = ArticleCity.feed(instance);
        }
        return instance;
    }

    /** Another dashboard on a fresh database and consumer group, reading every topic from the beginning. */
    public static RunningDashboard fresh(String database) {
        return new RunningDashboard(database, "--" + TestTokens.KEY_PROPERTY);
    }

    /**
     * Another dashboard reading every topic from the beginning, trusting the tokens of the identity service at
     * {@code issuer} (its JWKS, fetched at the first request) and sending its page's users there to sign in.
     */
    public static RunningDashboard signingInThrough(String issuer, String database) {
        return new RunningDashboard(database, "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer
                + "/oauth2/jwks", "--zz.dashboard.sign-in.issuer=" + issuer);
    }

    /**
     * Events its consumers have processed (applied, or skipped as a duplicate, a stale version or an unknown type), as
     * its {@code zz.events.consumed} counters have them after each commit: a batch writes no row per event to count
     * (decision 0028).
     */
    public long consumed() {
        return consumed(context.getBean(MeterRegistry.class).find("zz.events.consumed"));
    }

    /** Events its consumers have processed with this outcome ({@code applied}, {@code duplicate}, {@code stale}). */
    public long consumed(String outcome) {
        return consumed(context.getBean(MeterRegistry.class).find("zz.events.consumed").tag("outcome", outcome));
    }

    private static long consumed(Search search) {
        return (long) search.counters().stream().mapToDouble(Counter::count).sum();
    }

    public String cityAdmin() {
        return TestTokens.token(Role.CITY_ADMIN, null, null, null);
    }

    public String admin(String district) {
        return TestTokens.token(Role.DISTRICT_ADMIN, district, null, null);
    }

    public String streetStaff(String district, UUID street) {
        return TestTokens.token(Role.STREET_STAFF, district, street, null);
    }

    public String staff(String district, UUID community) {
        return TestTokens.token(Role.COMMUNITY_STAFF, district, community, null);
    }

}
