package cn.zhangzhou.partybuilding.volunteering.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.DistrictFixture;
import cn.zhangzhou.partybuilding.testing.TestClock;
import cn.zhangzhou.partybuilding.volunteering.VolunteeringApplication;

/**
 * The one fixture of the volunteering tests: the volunteering service of xiangcheng, running for real (its own
 * PostgreSQL database, the shared real Kafka broker, a real HTTP port, a {@link TestClock} that only ever moves
 * forward), the {@link MembershipFeed} that plays the districts' membership services, tokens, and posts, activities
 * and volunteers made through the API. Started once per test JVM and shared by the test classes (each test makes its
 * own communities and members). A test class states what it uses: {@code RunningVolunteering v = RunningVolunteering.get()}.
 */
public final class RunningVolunteering extends DistrictFixture {

    public static final String DISTRICT = "xiangcheng";
    private static RunningVolunteering instance;

    public final ConfigurableApplicationContext context;
    public final Api api;
    /** Where the service listens, for requests the {@link Api} client does not make (binary answers). */
    public final String baseUrl;
    public final TestClock clock = new TestClock();
    public final MembershipFeed feed;

    private RunningVolunteering() {
        super(DISTRICT, TestInfrastructure.newDatabase("volunteering_" + DISTRICT),
                (role, district, org, member) -> TestTokens.token(Role.valueOf(role), district, org, member));
        this.context = new SpringApplicationBuilder(VolunteeringApplication.class)
                .initializers(c -> c.getBeanFactory().registerSingleton("clock", clock))
                .run(
                        "--server.port=0",
                        "--zz.district=" + DISTRICT,
                        "--spring.datasource.url=" + jdbcUrl,
                        "--spring.datasource.username=" + TestInfrastructure.postgresUser(),
                        "--spring.datasource.password=" + TestInfrastructure.postgresPassword(),
                        "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                        // A fresh group per run: a test JVM never inherits offsets of an earlier run.
                        "--spring.kafka.consumer.group-id=volunteering-" + DISTRICT + "-" + UUID.randomUUID(),
                        "--zz.volunteering.check-in.secret=test-check-in-secret-0123456789abcdef",
                        // Long enough to check in and out within one window: a code must not check anyone in twice.
                        "--zz.volunteering.check-in.code-window=PT10M",
                        "--" + TestTokens.KEY_PROPERTY);
        Runtime.getRuntime().addShutdownHook(new Thread(context::close, "volunteering-shutdown"));
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        this.baseUrl = "http://localhost:" + port;
        this.api = new Api(baseUrl);
        this.feed = new MembershipFeed(this);
    }

    public static synchronized RunningVolunteering get() {
        if (instance == null) {
            instance = new RunningVolunteering();
        }
        return instance;
    }

    public String topic() {
        return Topics.events(DISTRICT, "volunteering");
    }

    /** A time relative to the test clock's now, at the database's precision (microseconds). */
    public Instant in(Duration from) {
        return clock.instant().plus(from).truncatedTo(ChronoUnit.MICROS);
    }

    /** A member living in the community, registered as a volunteer there. */
    public UUID volunteer(UUID community) {
        UUID member = feed.member(community);
        require(api.post("/api/v1/volunteers", member(member), Map.of("communityId", community)), 201);
        return member;
    }

    /** A FIXED post of the community, three hours from {@code startsIn}; {@code changes} override the defaults. */
    public Map<String, Object> postBody(UUID community, Duration startsIn, Map<String, Object> changes) {
        Map<String, Object> body = new HashMap<>();
        body.put("communityId", community);
        body.put("publisher", "COMMUNITY");
        body.put("title", "周六法律咨询岗");
        body.put("description", "在党群服务中心为居民提供法律咨询");
        body.put("place", "党群服务中心一楼");
        body.put("requirement", "NONE");
        body.put("schedule", "FIXED");
        body.put("startsAt", in(startsIn).toString());
        body.put("endsAt", in(startsIn.plusHours(3)).toString());
        body.put("capacity", 5);
        body.putAll(changes);
        return body;
    }

    /** A post published by the community's staff; returns its id. */
    public String post(UUID community, Duration startsIn, Map<String, Object> changes) {
        return require(api.post("/api/v1/posts", staff(community), postBody(community, startsIn, changes)), 201).id();
    }

    public Map<String, Object> activityBody(UUID community, String kind, int capacity, Duration startsIn) {
        Map<String, Object> body = new HashMap<>();
        body.put("communityId", community);
        body.put("kind", kind);
        body.put("title", "TRAINING".equals(kind) ? "党群连心驿站电脑培训班" : "社区环境整治");
        body.put("description", "每周六上午");
        body.put("place", "党群连心驿站");
        body.put("startsAt", in(startsIn).toString());
        body.put("endsAt", in(startsIn.plusHours(2)).toString());
        body.put("capacity", capacity);
        body.put("cancellationDeadline", in(startsIn.minusHours(12)).toString());
        return body;
    }

    /** An activity (or training) of the community starting in {@code startsIn}; returns its id. */
    public String activity(UUID community, String kind, int capacity, Duration startsIn) {
        return require(api.post("/api/v1/activities", staff(community),
                activityBody(community, kind, capacity, startsIn)), 201).id();
    }

    /** The current check-in code of a post's or activity's shift ({@code shifts}: posts or activities). */
    public String code(String shifts, String id, UUID community) {
        return require(api.get("/api/v1/" + shifts + "/" + id + "/check-in-code", staff(community)), 200).text("code");
    }

    /** The member checks in ({@code in}) or out of a shift with its current code; the answer. */
    public Api.Response check(String inOrOut, String shifts, String id, UUID community, String token) {
        return api.post("/api/v1/" + shifts + "/" + id + "/check-" + inOrOut, token,
                Map.of("code", code(shifts, id, community)));
    }
}
