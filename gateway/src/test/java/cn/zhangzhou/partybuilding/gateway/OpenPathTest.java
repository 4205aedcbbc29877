package cn.zhangzhou.partybuilding.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhangzhou.partybuilding.testing.Api;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one path the gateway routes without a token: a resident's rating with a one-time code, in front of a real
 * evaluation service (child JVM, real PostgreSQL and Kafka). Every other evaluation path still needs a token, and the
 * open path is limited per client address whatever token comes with it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        TestTokens.KEY_PROPERTY,
        // Three per ten minutes per address here (the default is ten a minute): the limit is reached in a few calls,
        // and a slow test run gets no token back in between (one every 200 s).
        "zz.gateway.rate-limit.open.capacity=3",
        "zz.gateway.rate-limit.open.period=10m"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenPathTest {

    private static final String RATING = "/api/v1/xiangcheng/evaluation/resident-ratings";
    private static final Map<String, Object> UNKNOWN_CODE = Map.of("code", "ABCDEFGHJK", "score", 90);

    private static ServiceProcess evaluation;

    private Api gateway;

    @BeforeEach
    void gatewayClient(@Value("${local.server.port}") int port) {
        gateway = new Api("http://localhost:" + port, Duration.ofSeconds(20));
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws IOException {
        Path key = ServiceProcess.publicKeyFile("open-path-test");
        evaluation = ServiceProcess.create("evaluation", "xiangcheng", key);
        evaluation.start();
        evaluation.awaitReady(Duration.ofMinutes(3));
        registry.add("zz.gateway.districts.xiangcheng.evaluation", evaluation::baseUrl);
    }

    @AfterAll
    static void stopService() {
        if (evaluation != null) {
            evaluation.stop();
        }
    }

    @Test
    @Order(1)
    void aResidentsRatingWithoutATokenReachesTheServiceWhichJudgesTheCode() {
        Api.Response reply = gateway.post(RATING, null, UNKNOWN_CODE);
        // The service's own answer: it looked the code up (a 401 would be the gateway's or the service's refusal).
        assertThat(reply.status()).as(reply.raw()).isEqualTo(422);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.raw()).contains("no such code");
    }

    @Test
    @Order(2)
    void everyOtherEvaluationPathStillNeedsAToken() {
        for (String path : new String[] {"/api/v1/xiangcheng/evaluation/rounds?year=2026",
                "/api/v1/xiangcheng/evaluation/resident-ratings/", "/api/v1/xiangcheng/evaluation/resident-ratings/x",
                "/api/v1/xiangcheng/evaluation/indicators"}) {
            Api.Response get = gateway.get(path, null);
            assertThat(get.status()).as(path + " " + get.raw()).isEqualTo(401);
            assertThat(get.header("WWW-Authenticate")).as(path).startsWith("Bearer");
        }
        Api.Response codes = gateway.post("/api/v1/xiangcheng/evaluation/rounds/00000000-0000-0000-0000-000000000001"
                + "/resident-codes", null,
                Map.of("communityId", "00000000-0000-0000-0000-000000000002", "count", 5));
        assertThat(codes.status()).as(codes.raw()).isEqualTo(401);
        // With a token the same service answers.
        Api.Response rounds = gateway.get("/api/v1/xiangcheng/evaluation/rounds?year=2026",
                TestTokens.districtAdmin("xiangcheng"));
        assertThat(rounds.status()).as(rounds.raw()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void theOpenPathIsLimitedPerAddressEvenWithATokenTheOtherPathsAreNot() {
        // The first test spent one of this address's three.
        assertThat(gateway.post(RATING, null, UNKNOWN_CODE).status()).isEqualTo(422);
        assertThat(gateway.post(RATING, TestTokens.districtAdmin("xiangcheng"), UNKNOWN_CODE).status())
                .as("a token does not buy a bucket of its own").isEqualTo(422);
        Api.Response refused = gateway.post(RATING, null, UNKNOWN_CODE);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(429);
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 200);
        assertThat(refused.raw()).contains("xiangcheng-evaluation-open");
        assertThat(gateway.get("/api/v1/xiangcheng/evaluation/rounds?year=2026",
                TestTokens.districtAdmin("xiangcheng")).status()).as("the service's other paths keep their own limit").isEqualTo(200);
    }
}
