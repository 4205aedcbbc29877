package cn.zhangzhou.partybuilding.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import cn.zhangzhou.partybuilding.embedded.ChildProcesses;
import cn.zhangzhou.partybuilding.embedded.PostgresServer;

/**
 * The one service under load (membership, or wishes for the claim path), a child JVM started the way the local launcher starts it:
 * {@code java -Xmx192m -XX:+UseSerialGC -jar services/membership/target/membership-service.jar} with the
 * configuration in environment variables, its output in a log file.
 */
final class ServiceUnderTest implements AutoCloseable {

    static final String JAR = "services/membership/target/membership-service.jar";

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceUnderTest(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * The configuration every benchmarked service gets, as the launcher passes it: district, service, port, its
     * database, the broker and the key its tokens are checked with. Mutable, for a mode's own additions.
     */
    static Map<String, String> environment(String district, String service, int port, String jdbcUrl,
                                           String kafkaBootstrap, String keyLocation) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ZZ_DISTRICT", district);
        env.put("ZZ_SERVICE", service);
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("SPRING_DATASOURCE_URL", jdbcUrl);
        env.put("SPRING_DATASOURCE_USERNAME", PostgresServer.USER);
        env.put("SPRING_DATASOURCE_PASSWORD", "");
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION", keyLocation);
        return env;
    }

    static ServiceUnderTest start(Path root, int port, Map<String, String> env, List<String> extraJvmArgs, Path log) {
        return start(root, JAR, port, env, extraJvmArgs, log);
    }

    /** @param jarPath the service's fat jar, relative to the repository root */
    static ServiceUnderTest start(Path root, String jarPath, int port, Map<String, String> env, List<String> extraJvmArgs,
                                  Path log) {
        Path jar = root.resolve(jarPath);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build first: mvn -B -q -DskipTests package");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx192m");
        command.add("-XX:+UseSerialGC");
        command.addAll(extraJvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(env);
        try {
            return new ServiceUnderTest(builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    /** Polls the readiness probe until UP; fails with the log tail if the child exits or time runs out. */
    void awaitReady(HttpClient http, Duration timeout) throws InterruptedException {
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with code " + process.exitValue()
                        + "; log tail:\n" + tail(40));
            }
            try {
                HttpResponse<String> r = http.send(probe, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException notListeningYet) {
                last = notListeningYet.toString();
            }
            // Only the probe tells readiness; waiting on the process doubles as the poll interval.
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("the service was not ready within " + timeout.toSeconds()
                + " s (last: " + last + "); log tail:\n" + tail(40));
    }

    /** Resident set size of the service JVM in KiB (VmRSS of /proc/<pid>/status), or -1 if unreadable. */
    long rssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException gone) {
            // The process ended or /proc is absent (not Linux): no sample.
        }
        return -1;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** SIGTERM (graceful Spring shutdown, which also ends a JFR recording), forced after 20 s. */
    @Override
    public void close() {
        ChildProcesses.stop(process, Duration.ofSeconds(20));
    }
}
