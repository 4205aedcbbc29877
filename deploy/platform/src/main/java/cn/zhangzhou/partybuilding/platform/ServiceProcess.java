package cn.zhangzhou.partybuilding.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import cn.zhangzhou.partybuilding.embedded.ChildProcesses;
import cn.zhangzhou.partybuilding.embedded.ProcessJar;

/**
 * One service JVM started as a child process, its output in a log file: the local platform's services and the
 * benchmark's targets are started, awaited and stopped the same way.
 */
public final class ServiceProcess implements AutoCloseable {

    public static final String READINESS = "/actuator/health/readiness";
    /** Spring's graceful shutdown (and the end of a flight recording) before the process is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private static final RestClient PROBE = RestClient.builder().requestFactory(probeFactory()).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    /** The class sharing of a start from the extracted layout; null from an executable jar. */
    private volatile ProcessJar.ClassSharing sharing;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a service from its extracted layout with class data sharing ({@link ProcessJar}): as
     * {@link #start(String, Path, Path, int, Map, List, Path)}, plus the archive's options; when this start writes the
     * archive, it is kept once the JVM ends by its own shutdown.
     */
    public static ServiceProcess start(String name, ProcessJar jar, Path workDir, int port, Map<String, String> env,
                                       List<String> jvmArgs, Path log) {
        ProcessJar.ClassSharing sharing = jar.classSharing();
        List<String> options = new ArrayList<>(jvmArgs);
        options.addAll(sharing.options());
        ServiceProcess started = start(name, jar.jar(), workDir, port, env, options, log);
        started.sharing = sharing;
        // Also when it ends otherwise than by close() (killed by a test, stopped by requestStop()).
        started.process.onExit().thenAccept(ended -> sharing.keep(ended.exitValue()));
        return started;
    }

    /**
     * Starts {@code java -Xmx192m -XX:+UseSerialGC <jvmArgs> -jar <jar>} in {@code workDir} with {@code env} added to
     * the environment (the service's configuration), its output to {@code log}.
     */
    public static ServiceProcess start(String name, Path jar, Path workDir, int port, Map<String, String> env,
                                       List<String> jvmArgs, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it first: mvn -B -DskipTests package");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:+UseSerialGC"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            return new ServiceProcess(name, port, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Waits until the readiness probe answers 200 (UP). */
    public void awaitReady(Instant deadline) {
        awaitAnswer(READINESS, 200, deadline);
    }

    /**
     * Polls {@code GET http://localhost:<port><path>} until it answers {@code status}. Fails with the log tail when the
     * process exits or the time runs out, so the cause is on screen.
     */
    public void awaitAnswer(String path, int status, Instant deadline) {
        String url = "http://localhost:" + port + path;
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it was ready; last lines of " + log + ":\n" + tail(40));
            }
            try {
                var answer = PROBE.get().uri(url).exchange((request, response) ->
                        response.getStatusCode().value() + " " + response.bodyTo(String.class));
                if (answer.startsWith(status + " ")) {
                    return;
                }
                last = answer;
            } catch (ResourceAccessException notListeningYet) {
                last = notListeningYet.getMessage();
            }
            try {
                // Only the probe tells readiness; waiting on the process doubles as the poll interval.
                process.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException(name + " did not answer " + status + " on " + url + " in time (last: " + last
                + "); last lines of " + log + ":\n" + tail(40));
    }

    /** Resident set size in KiB (VmRSS of /proc/<pid>/status), or -1 if unreadable. */
    public long rssKiB() {
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

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /**
     * The JVM's threads and what each waits for ({@code jcmd <pid> Thread.print}), at most {@code maxChars}: what a
     * failure of "it stopped making progress" needs to be diagnosed from a CI log alone.
     */
    public String threadDump(int maxChars) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            CompletableFuture<byte[]> text = CompletableFuture.supplyAsync(() -> {
                try {
                    return dump.getInputStream().readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (!dump.waitFor(20, TimeUnit.SECONDS)) {
                dump.destroyForcibly();
                return "(jcmd " + process.pid() + " Thread.print did not answer in 20 s)";
            }
            String all = new String(text.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            return all.length() <= maxChars ? all : all.substring(0, maxChars) + "\n(cut at " + maxChars + " chars)";
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return "(no thread dump of " + process.pid() + ": " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump of " + process.pid() + ": interrupted)";
        }
    }

    /** Asks the JVM to stop (SIGTERM: Spring shuts down gracefully) without waiting. */
    public void requestStop() {
        process.destroy();
    }

    /** Asks the JVM to stop and waits for it, killing it after {@link #STOP_GRACE}. */
    @Override
    public void close() {
        ChildProcesses.stop(process, STOP_GRACE);
        if (sharing != null && !process.isAlive()) {
            sharing.keep(process.exitValue()); // before this JVM may end, not only in the onExit callback
        }
    }

    private static JdkClientHttpRequestFactory probeFactory() {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
        factory.setReadTimeout(Duration.ofSeconds(5));
        return factory;
    }
}
