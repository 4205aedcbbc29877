package cn.zhangzhou.partybuilding.testing;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' {@code promtool} (Debian's {@code prometheus} package), which checks a service's scrape and the alert
 * rules. A test without it is skipped with {@link #MISSING} as its reason (JUnit's {@code assumeTrue}), never passed.
 */
public final class Promtool {

    public static final String MISSING = "promtool is not on the PATH: install it with `apt-get install -y prometheus` "
            + "(Debian; .ci/run does) to run this test";

    /** What the alerts and the team read, in every district service's scrape (docs/operations.md). */
    public static final List<String> WATCHED = List.of("zz_outbox_backlog ", "zz_outbox_oldest_age_seconds ",
            "zz_consumer_lag{group=", "http_server_requests_seconds_count{", "jvm_memory_used_bytes{",
            "hikaricp_connections_active{");

    private final Path executable;

    private Promtool(Path executable) {
        this.executable = executable;
    }

    /** The promtool on the PATH, if any. */
    public static Optional<Promtool> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "promtool");
            if (Files.isExecutable(candidate)) {
                return Optional.of(new Promtool(candidate));
            }
        }
        return Optional.empty();
    }

    /** What promtool answered: its exit code and its standard output and error together. */
    public record Result(int exitCode, String output) {
    }

    /**
     * The service's {@code /actuator/prometheus} answer once it shows every one of the names (the consumer lag is read
     * from the broker every 15 s, once the listeners have their partitions).
     */
    public static String scrape(Api api, List<String> names) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> api.get("/actuator/prometheus", null),
                        scrape -> scrape.status() == 200 && names.stream().allMatch(scrape.raw()::contains))
                .raw();
    }

    /** {@code promtool check metrics} on a service's {@code /actuator/prometheus} answer. */
    public Result checkMetrics(String scrape) {
        return run(Path.of("."), scrape, "check", "metrics");
    }

    /** Runs {@code promtool <arguments>} in the directory, feeding it {@code input} (may be null). */
    public Result run(Path directory, String input, String... arguments) {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .start();
            try (OutputStream stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("promtool " + arguments[0] + " did not finish in 60 s: " + output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
