package cn.zhangzhou.partybuilding.dashboard.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;

/**
 * The identity service for the page's sign-in, run from its executable jar in a JVM of its own as the local platform
 * runs it (decision 0019), on its own database and the shared Kafka broker. Its bootstrap CITY_ADMIN signs in; its
 * browser client sends the code back to the page given.
 */
public final class RunningIdentity implements AutoCloseable {

    /** Built by services/identity's package phase (before this module in the reactor). */
    public static final Path JAR = Path.of("../identity/target/identity-service.jar");
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "bootstrap-password-for-the-page-test";

    public final String issuer;
    private final Process process;

    /**
     * Starts identity on the port (issuer {@code http://localhost:<port>}) and waits until it is ready; the page at
     * {@code pageUrl} may receive its codes.
     */
    public RunningIdentity(int port, String pageUrl) throws IOException {
        this.issuer = issuer(port);
        Path log = Path.of("target", "identity-for-the-page.log");
        Files.createDirectories(log.getParent());
        String java = ProcessHandle.current().info().command().orElse("java");
        process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", JAR.toString(),
                "--server.port=" + port,
                "--zz.identity.issuer=" + issuer,
                "--spring.datasource.url=" + TestInfrastructure.newDatabase("identity_page"),
                "--spring.datasource.username=" + TestInfrastructure.postgresUser(),
                "--spring.datasource.password=" + TestInfrastructure.postgresPassword(),
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--spring.kafka.consumer.group-id=identity-" + UUID.randomUUID(),
                "--zz.identity.bootstrap.admin-username=" + ADMIN,
                "--zz.identity.bootstrap.admin-password=" + ADMIN_PASSWORD,
                "--zz.identity.browser-client.redirect-uris=" + pageUrl,
                "--zz.identity.keys.encryption-secret=test-secret-0123456789-0123456789-abcdef"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "identity-for-the-page-shutdown"));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(issuer + "/actuator/health/readiness")).build();
        await("identity ready (log: " + log.toAbsolutePath() + ")").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .failFast("identity exited", () -> !process.isAlive())
                .until(() -> http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    @Override
    public void close() {
        process.destroy();
    }

    public static String issuer(int port) {
        return "http://localhost:" + port;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
