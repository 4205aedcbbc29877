package cn.zhangzhou.partybuilding.gateway;

import cn.zhangzhou.partybuilding.embedded.ChildProcesses;
import cn.zhangzhou.partybuilding.embedded.FreePorts;
import cn.zhangzhou.partybuilding.embedded.ProcessJar;
import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.testing.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.web.client.RestClientException;

/**
 * One district's service (membership, wishes, volunteering) as a child JVM, started from its jar (extracted, with class
 * data sharing: {@link ProcessJar}) and configured the way the local platform configures it (environment variables),
 * on real PostgreSQL and Kafka. Can be stopped and started again on the same port and database, as an operator would
 * restart it.
 */
final class ServiceProcess {

    private final String service;
    private final String district;
    private final int port;
    private final Map<String, String> env;
    private final Path jar;
    private final Path log;
    private Process process;

    private ServiceProcess(String service, String district, int port, Map<String, String> env, Path jar, Path log) {
        this.service = service;
        this.district = district;
        this.port = port;
        this.env = env;
        this.jar = jar;
        this.log = log;
    }

    /** The test key as a file for the child JVMs (they read it from there, not from the test's classpath). */
    static Path publicKeyFile(String name) throws IOException {
        Path key = Path.of("target", name + "-jwt-public.pem").toAbsolutePath();
        Files.createDirectories(key.getParent());
        Files.writeString(key, TestTokens.read(TestTokens.PUBLIC_KEY_RESOURCE));
        return key;
    }

    static ServiceProcess create(String service, String district, Path publicKeyFile) {
        Path jar = repositoryRoot().resolve("services/" + service + "/target/" + service + "-service.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the gateway's tests run real services; build it first "
                    + "(mvn -B -q -pl services/" + service + " -am -DskipTests package) or run the whole reactor");
        }
        int port = FreePorts.find();
        Map<String, String> env = new HashMap<>();
        env.put("ZZ_DISTRICT", district);
        env.put("ZZ_SERVICE", service);
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("SPRING_DATASOURCE_URL", TestInfrastructure.newDatabase("gw_" + service + "_" + district));
        env.put("SPRING_DATASOURCE_USERNAME", TestInfrastructure.postgresUser());
        env.put("SPRING_DATASOURCE_PASSWORD", TestInfrastructure.postgresPassword());
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafkaBootstrapServers());
        env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION", "file:" + publicKeyFile.toAbsolutePath());
        Path log = Path.of("target", service + "-" + district + ".log").toAbsolutePath();
        return new ServiceProcess(service, district, port, env, jar, log);
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    String jdbcUrl() {
        return env.get("SPRING_DATASOURCE_URL");
    }

    /** From the extracted jar with class data sharing ({@link ProcessJar}), as the other suites start services. */
    void start() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessJar unpacked = ProcessJar.besideJar(jar);
        ProcessJar.ClassSharing sharing = unpacked.classSharing();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(sharing.options());
        command.addAll(List.of("-jar", unpacked.jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service + " for " + district, e);
        }
        process.onExit().thenAccept(ended -> sharing.keep(ended.exitValue()));
    }

    /** Polls readiness (the child cannot tell us otherwise); fails with the log tail if it exits or times out. */
    void awaitReady(Duration timeout) {
        Api probe = new Api(baseUrl(), Duration.ofSeconds(5));
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " " + district + " exited with " + process.exitValue()
                        + "; log tail:\n" + tail());
            }
            try {
                Api.Response response = probe.get("/actuator/health/readiness", null);
                if (response.status() == 200 && response.raw().contains("\"UP\"")) {
                    return;
                }
                last = response.toString();
            } catch (RestClientException notYet) {
                last = notYet.toString();
            }
            try {
                process.waitFor(300, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(service + " " + district + " not ready in " + timeout.toSeconds() + " s (last: "
                + last + "); log tail:\n" + tail());
    }

    void stop() {
        ChildProcesses.stop(process, Duration.ofSeconds(20));
    }

    /** SIGKILL at once: for a test JVM that is exiting, whose databases and topics go with it. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Surefire runs in gateway/; the repository root is its parent (the one holding services/). */
    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("services/membership"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root above " + here);
    }
}
