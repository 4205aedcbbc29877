package cn.zhangzhou.partybuilding.wishes.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.DistrictFixture;
import cn.zhangzhou.partybuilding.testing.TestClock;
import cn.zhangzhou.partybuilding.wishes.WishesApplication;
import cn.zhangzhou.partybuilding.wishes.deadline.DeadlineSweeper;

/**
 * The one fixture of the wishes tests: the wishes service of xiangcheng, running for real (its own PostgreSQL
 * database, the shared real Kafka broker, a real HTTP port, a {@link TestClock}), the {@link MembershipFeed} that
 * plays the district's membership service, tokens, and wishes made through the API one lifecycle step at a time.
 * Started once per test JVM and shared by the test classes (each test makes its own communities and members);
 * stopped when the JVM exits. A test class states what it uses: {@code RunningWishes w = RunningWishes.get()}.
 */
public final class RunningWishes extends DistrictFixture {

    public static final String DISTRICT = "xiangcheng";
    private static RunningWishes instance;

    public final ConfigurableApplicationContext context;
    public final Api api;
    public final TestClock clock = new TestClock();
    /** The district's membership events, under one district committee shared by the test classes. */
    public final MembershipFeed feed;

    private RunningWishes() {
        super(DISTRICT, TestInfrastructure.newDatabase("wishes_" + DISTRICT),
                (role, district, org, member) -> TestTokens.token(Role.valueOf(role), district, org, member));
        this.context = new SpringApplicationBuilder(WishesApplication.class)
                .initializers(c -> c.getBeanFactory().registerSingleton("clock", clock))
                .run(
                        "--server.port=0",
                        "--zz.district=" + DISTRICT,
                        "--spring.datasource.url=" + jdbcUrl,
                        "--spring.datasource.username=" + TestInfrastructure.postgresUser(),
                        "--spring.datasource.password=" + TestInfrastructure.postgresPassword(),
                        "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                        // A fresh group per run: a test JVM never inherits offsets of an earlier run.
                        "--spring.kafka.consumer.group-id=wishes-" + DISTRICT + "-" + UUID.randomUUID(),
                        // Tests move the clock and sweep themselves; a scheduled sweep would race them.
                        "--zz.wishes.sweep-interval=PT24H",
                        "--" + TestTokens.KEY_PROPERTY);
        Runtime.getRuntime().addShutdownHook(new Thread(context::close, "wishes-shutdown"));
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        this.api = new Api("http://localhost:" + port);
        this.feed = new MembershipFeed(this);
    }

    public static synchronized RunningWishes get() {
        if (instance == null) {
            instance = new RunningWishes();
        }
        return instance;
    }

    public String topic() {
        return Topics.events(DISTRICT, "wishes");
    }

    public int sweep() {
        return context.getBean(DeadlineSweeper.class).sweep();
    }

    /** Expires the wishes whose round ended by the test clock's now; returns how many. */
    public int expire() {
        return context.getBean(DeadlineSweeper.class).expire(clock.instant());
    }

    public static Map<String, Object> wishBody(UUID community) {
        Map<String, Object> body = new HashMap<>();
        body.put("communityId", community);
        body.put("category", "DAILY_NECESSITIES");
        body.put("description", "一袋大米和一桶食用油");
        body.put("estimatedValueYuan", 120);
        body.put("beneficiary", Map.of("name", "王秀英", "phone", "13800001111", "address", "芗城区南昌路8号"));
        return body;
    }

    /** A wish posted by the community's staff (not yet screened). */
    public Api.Response posted(UUID community) {
        return require(api.post("/api/v1/wishes", staff(community), wishBody(community)), 201);
    }

    /** A wish on the menu of the community; returns its id. */
    public String published(UUID community) {
        Api.Response posted = posted(community);
        require(api.post("/api/v1/wishes/" + posted.id() + "/publish", staff(community),
                Map.of("version", posted.version())), 200);
        return posted.id();
    }

    /** A wish claimed by the member, contacted and reported fulfilled; returns its id. */
    public String fulfilled(UUID community, UUID member) {
        String id = published(community);
        require(api.post("/api/v1/wishes/" + id + "/claim", member(member), null), 201);
        require(api.post("/api/v1/wishes/" + id + "/contacted", member(member), null), 200);
        require(api.post("/api/v1/wishes/" + id + "/fulfilment", member(member), Map.of("note", "送到了")), 200);
        return id;
    }

    /** The wish as the community's staff see it. */
    public Api.Response wish(String id, UUID community) {
        return api.get("/api/v1/wishes/" + id, staff(community));
    }
}
