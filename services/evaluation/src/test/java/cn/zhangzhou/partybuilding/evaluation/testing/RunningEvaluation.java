package cn.zhangzhou.partybuilding.evaluation.testing;

import java.time.Clock;
import java.time.Year;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.evaluation.EvaluationApplication;
import cn.zhangzhou.partybuilding.evaluation.EvaluationProperties;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.DistrictFixture;
import cn.zhangzhou.partybuilding.testing.TestClock;

/**
 * The one fixture of the evaluation tests: the evaluation service of xiangcheng, running for real (its own
 * PostgreSQL database, the shared real Kafka broker, a real HTTP port, a {@link TestClock}), the {@link Feed} that
 * plays the district's membership, wishes and volunteering services, and tokens. Started once per test JVM and
 * shared by the test classes (each test makes its own streets, communities and members). A test class states what
 * it uses: {@code RunningEvaluation e = RunningEvaluation.get()}.
 */
public final class RunningEvaluation extends DistrictFixture {

    public static final String DISTRICT = "xiangcheng";
    private static RunningEvaluation instance;

    public final ConfigurableApplicationContext context;
    public final Api api;
    public final TestClock clock = new TestClock();
    public final Feed feed;
    /** The year the tests evaluate: this one, China time (the feed's events carry the current time). */
    public final int year = Year.now(EvaluationProperties.CHINA).getValue();

    private RunningEvaluation() {
        super(DISTRICT, TestInfrastructure.newDatabase("evaluation_" + DISTRICT),
                (role, district, org, member) -> TestTokens.token(Role.valueOf(role), district, org, member));
        this.context = start(jdbcUrl, clock);
        Runtime.getRuntime().addShutdownHook(new Thread(context::close, "evaluation-shutdown"));
        this.api = new Api("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
        this.feed = new Feed(this);
    }

    public static synchronized RunningEvaluation get() {
        if (instance == null) {
            instance = new RunningEvaluation();
        }
        return instance;
    }

    /**
     * An evaluation service of the district on the database, in a consumer group of its own (so it reads every topic
     * from the beginning): the fixture's, and the fresh instance of the replay test.
     */
    public static ConfigurableApplicationContext start(String jdbcUrl, Clock clock) {
        return new SpringApplicationBuilder(EvaluationApplication.class)
                .initializers(c -> c.getBeanFactory().registerSingleton("clock", clock))
                .run(
                        "--server.port=0",
                        "--zz.district=" + DISTRICT,
                        "--spring.datasource.url=" + jdbcUrl,
                        "--spring.datasource.username=" + TestInfrastructure.postgresUser(),
                        "--spring.datasource.password=" + TestInfrastructure.postgresPassword(),
                        "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                        // A fresh group per run: a test JVM never inherits offsets of an earlier run.
                        "--spring.kafka.consumer.group-id=evaluation-" + DISTRICT + "-" + UUID.randomUUID(),
                        "--" + TestTokens.KEY_PROPERTY);
    }

    public String topic() {
        return Topics.events(DISTRICT, "evaluation");
    }
}
