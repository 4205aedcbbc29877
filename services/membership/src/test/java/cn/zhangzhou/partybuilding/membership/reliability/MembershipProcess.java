package cn.zhangzhou.partybuilding.membership.reliability;

import static org.awaitility.Awaitility.await;

import cn.zhangzhou.partybuilding.embedded.FreePorts;
import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.membership.MembershipApplication;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import cn.zhangzhou.partybuilding.testing.Api;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * The membership service of one district in a JVM of its own, on a fixed port and database, so a test can kill it
 * with SIGKILL in the middle of a request and start it again: what a crashed pod does, which closing a Spring
 * context in the test JVM cannot show (a graceful close finishes or rolls back what is running). Its output goes to
 * {@code target/membership-<district>-<port>.log}.
 */
final class MembershipProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final String district;
    final String jdbcUrl;
    final int port;
    final Api api;
    private final Path log;
    private final String consumerGroup;
    private Process process;

    MembershipProcess(String district) {
        this.district = district;
        this.jdbcUrl = TestInfrastructure.newDatabase("membership_" + district);
        this.port = FreePorts.find();
        this.api = new Api("http://localhost:" + port);
        this.log = Path.of("target", "membership-" + district + "-" + port + ".log");
        this.consumerGroup = "membership-" + district + "-" + UUID.randomUUID();
        start();
    }

    /** Starts the service and waits until it is ready. */
    void start() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), MembershipApplication.class.getName(),
                    "--server.port=" + port,
                    "--zz.district=" + district,
                    "--spring.datasource.url=" + jdbcUrl,
                    "--spring.datasource.username=" + TestInfrastructure.postgresUser(),
                    "--spring.datasource.password=" + TestInfrastructure.postgresPassword(),
                    "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                    "--spring.kafka.consumer.group-id=" + consumerGroup,
                    "--" + TestTokens.KEY_PROPERTY)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(this::ready);
    }

    /** SIGKILL: no shutdown hook, no graceful shutdown; its connections are cut wherever they are. */
    void kill() {
        try {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("membership process exited with " + process.exitValue() + ", see " + log);
        }
        try {
            return api.get("/actuator/health/readiness", null).status() == 200;
        } catch (RuntimeException notYetListening) {
            return false;
        }
    }

    String topic() {
        return Topics.events(district, "membership");
    }

    String admin() {
        return TestTokens.token(Role.DISTRICT_ADMIN, district, null, null);
    }

    /** A community under a new street under the district committee; returns its id. */
    String community() {
        String root = organisation("DISTRICT_COMMITTEE", null);
        return organisation("COMMUNITY", organisation("STREET_COMMITTEE", root));
    }

    private String organisation(String type, String parentId) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", type.substring(0, 3) + "-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("name", type + " of a crash test");
        body.put("type", type);
        body.put("parentId", parentId);
        Api.Response created = api.post("/api/v1/organisations", admin(), body);
        if (created.status() != 201) {
            throw new IllegalStateException("cannot create " + type + ": " + created);
        }
        return created.id();
    }

    /** A registration body for a member of the community; {@code name} identifies its row. */
    String memberBody(String community, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("phone", "13900000000");
        body.put("homeOrganisationId", community);
        body.put("residenceDistrict", district);
        body.put("residenceCommunityId", community);
        body.put("category", "IN_SERVICE");
        body.put("specialties", List.of("书法"));
        return JSON.writeValueAsString(body);
    }

    /** Registers with an Idempotency-Key: the answer, or an exception when the service is not there. */
    Api.Response register(String key, String body) {
        return api.send("POST", "/api/v1/members", admin(), body, "Idempotency-Key", key);
    }

    /** Sends a registration and never reads the answer: a client that dies or gives up; close the socket to go. */
    Socket registerAndAbandon(String key, String body) throws IOException {
        Socket client = new Socket("localhost", port);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = client.getOutputStream();
        out.write(("POST /api/v1/members HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + admin()
                + "\r\nContent-Type: application/json\r\nIdempotency-Key: " + key
                + "\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
        return client;
    }

    /** A single number from the service's database, e.g. a count. */
    long number(String sql, Object... parameters) {
        return Long.parseLong(value(jdbcUrl, sql, parameters));
    }

    /** The first column of the first row, as text, of a query on a test database. */
    static String value(String jdbcUrl, String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword())) {
            var statement = connection.prepareStatement(sql);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword());
    }
}
