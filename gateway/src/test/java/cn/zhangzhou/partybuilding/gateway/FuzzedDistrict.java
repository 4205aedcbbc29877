package cn.zhangzhou.partybuilding.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.fuzz.Fuzzer;
import cn.zhangzhou.partybuilding.testing.fuzz.TopicRecords;
import cn.zhangzhou.partybuilding.testing.matrix.DatabaseFingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Xiangcheng's membership, wishes, volunteering and evaluation services (child JVMs from their jars, on real
 * PostgreSQL and Kafka)
 * behind a gateway of their own in this JVM, for the fuzz tests of each service: started once per test JVM, stopped
 * when it exits. The gateway's rate limit is lifted (the fuzzer is one client sending thousands of requests); its
 * body limit is the default 1 MB; the services' own is 64 KB.
 */
final class FuzzedDistrict {

    static final String DISTRICT = "xiangcheng";
    static final long GATEWAY_BODY_LIMIT = 1024 * 1024;
    static final long SERVICE_BODY_LIMIT = 64 * 1024;
    private static FuzzedDistrict instance;

    final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    final Api gateway;
    /** Membership's tree, made once: a street with two communities. */
    final String street;
    final String community;
    final String otherCommunity;
    private final String gatewayUrl;

    private FuzzedDistrict() {
        Path key;
        try {
            key = ServiceProcess.publicKeyFile("fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String service : List.of("membership", "wishes", "volunteering", "evaluation")) {
            services.put(service, ServiceProcess.create(service, DISTRICT, key));
        }
        services.values().forEach(ServiceProcess::start);
        services.values().forEach(s -> s.awaitReady(Duration.ofMinutes(4)));
        SpringApplicationBuilder builder = new SpringApplicationBuilder(GatewayApplication.class);
        ConfigurableApplicationContext context = builder.run("--server.port=0", "--" + TestTokens.KEY_PROPERTY,
                "--zz.gateway.rate-limit.defaults.capacity=1000000",
                "--zz.gateway.districts." + DISTRICT + ".membership=" + services.get("membership").baseUrl(),
                "--zz.gateway.districts." + DISTRICT + ".wishes=" + services.get("wishes").baseUrl(),
                "--zz.gateway.districts." + DISTRICT + ".volunteering=" + services.get("volunteering").baseUrl(),
                "--zz.gateway.districts." + DISTRICT + ".evaluation=" + services.get("evaluation").baseUrl());
        // Killed, not stopped: a graceful stop waits on Kafka, which the JVM is closing too, past surefire's 30 s.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            services.values().forEach(ServiceProcess::kill);
            context.close();
        }, "fuzzed-district-shutdown"));
        gatewayUrl = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        gateway = new Api(gatewayUrl);
        street = organisation("STREET_COMMITTEE", organisation("DISTRICT_COMMITTEE", null));
        community = organisation("COMMUNITY", street);
        otherCommunity = organisation("COMMUNITY", street);
    }

    static synchronized FuzzedDistrict get() {
        if (instance == null) {
            instance = new FuzzedDistrict();
        }
        return instance;
    }

    Fuzzer.Target throughTheGateway(String service) {
        return Fuzzer.Target.gateway(gatewayUrl, DISTRICT, service, GATEWAY_BODY_LIMIT);
    }

    Fuzzer.Target straight(String service) {
        return Fuzzer.Target.direct(services.get(service).baseUrl(), SERVICE_BODY_LIMIT);
    }

    /**
     * The fuzz test of a service: {@code -Dfuzz.requests} (10,000) requests through the gateway and a tenth of that,
     * with the next seed, straight at the service's port.
     */
    void fuzz(String service, Fuzzer fuzzer, String... fedByEvents) {
        Fuzzer.Report gateway = fuzzer.run(throughTheGateway(service), Fuzzer.seed(), Fuzzer.requests(10_000),
                state(service, fedByEvents));
        Fuzzer.Report straight = fuzzer.run(straight(service), Fuzzer.seed() + 1, Fuzzer.requests(10_000) / 10,
                state(service, fedByEvents));
        assertThat(gateway.count(413)).as("bodies over the gateway's limit").isPositive();
        assertThat(straight.count(413)).as("bodies over the service's limit").isPositive();
    }

    /**
     * The service's own OpenAPI document, with the path parameters every district service shares: the dead letters'
     * (decision 0022) name a dead-letter topic it consumes from (another district's membership events, read by every
     * district service) and a partition and offset where no dead letter is: any call is a 4xx and changes nothing.
     */
    Fuzzer fuzzer(String service) {
        return new Fuzzer(service, new Api(services.get(service).baseUrl()).get("/v3/api-docs", null).body())
                .id("{deadLetterTopic}", Topics.deadLetter(Topics.events("longwen", "membership")))
                .id("{partition}", 0).id("{offset}", 0);
    }

    /** A call through the gateway that must succeed; returns the answer. */
    Api.Response require(Api.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response);
        }
        return response;
    }

    String path(String service, String rest) {
        return "/api/v1/" + DISTRICT + "/" + service + rest;
    }

    static String admin() {
        return TestTokens.districtAdmin("fuzz-admin", DISTRICT);
    }

    /** A staff member of the organisation (its own staff: COMMUNITY_STAFF of a community). */
    static String staffToken(Object organisation) {
        return TestTokens.withClaims("fuzz-staff-" + organisation, Map.of("roles", List.of("COMMUNITY_STAFF"),
                "district", DISTRICT, "org", organisation.toString()));
    }

    static String memberToken(Object member) {
        return TestTokens.withClaims("fuzz-member-" + member, Map.of("roles", List.of("MEMBER"), "district", DISTRICT,
                "member", member.toString()));
    }

    /**
     * What reads and refused changes must leave as they were: every row of the service's tables and the records of its
     * topic, read once its outbox is empty (so an event appended by mistake has reached the topic by then); the
     * tables the service fills from other services' events only ({@code fedByEvents}) are left out, as the other
     * services' fuzz tests may still be feeding them.
     */
    Supplier<String> state(String service, String... fedByEvents) {
        ServiceProcess process = services.get(service);
        DatabaseFingerprint rows = new DatabaseFingerprint(process.jdbcUrl(), TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword(), fedByEvents);
        String topic = DISTRICT + "." + service + ".events";
        return () -> {
            await().atMost(Duration.ofSeconds(30)).until(() -> outbox(process) == 0);
            return rows.get() + " events=" + TopicRecords.count(TestInfrastructure.kafkaBootstrapServers(), List.of(topic));
        };
    }

    private static long outbox(ServiceProcess process) {
        try (Connection c = DriverManager.getConnection(process.jdbcUrl(), TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword()); ResultSet rs = c.createStatement()
                .executeQuery("select count(*) from outbox_event")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An organisation of membership's tree, made through the gateway; returns its id. */
    String organisation(String type, String parent) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", "FZ-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("name", "模糊测试" + type);
        body.put("type", type);
        body.put("parentId", parent);
        return require(gateway.post(path("membership", "/organisations"), admin(), body), 201).id();
    }

    /** A member whose home and residence are the community, registered through the gateway; returns its id. */
    String member(String community) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "王小明");
        body.put("phone", "13900000000");
        body.put("idNumber", "35060219800101123X");
        body.put("address", "漳州市芗城区某路1号");
        body.put("homeOrganisationId", community);
        body.put("residenceDistrict", DISTRICT);
        body.put("residenceCommunityId", community);
        body.put("category", "IN_SERVICE");
        body.put("specialties", List.of("法律"));
        return require(gateway.post(path("membership", "/members"), admin(), body), 201).id();
    }
}
