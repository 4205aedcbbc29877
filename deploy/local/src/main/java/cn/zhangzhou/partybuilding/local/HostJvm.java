package cn.zhangzhou.partybuilding.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;


/**
 * The JVM that runs the platform: Kafka and every hosted service (decision 0019) share it, so its flags matter, and
 * {@code java -jar} cannot carry them. {@code run} therefore starts the same command line again in a JVM with
 * {@link #FLAGS} and waits for it; that JVM knows itself by {@link #LAUNCHED_BY}.
 */
final class HostJvm {

    /** Set on the JVM that runs the platform: the pid of the one that started it. */
    static final String LAUNCHED_BY = "zz.local.launched-by";
    /**
     * Serial GC (no GC threads, a heap that grows only as needed) and C1 only: with C2 the default districts' start and
     * demo load cost the host 140 s of CPU instead of 80 (docs/performance.md); their load never pays C2 back.
     */
    static final List<String> FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /** The heap's limit: Kafka and the launcher, and per hosted service well above what one holds under the demo load. */
    static final int HEAP_BASE_MIB = 512;
    static final int HEAP_PER_SERVICE_MIB = 32;
    /**
     * The compiled code's space: every hosted context has its own classes, so its own compiled methods. C1 alone gets
     * 48 MiB by default, which the 33 contexts of {@code --districts all} filled while loading the demo data; the JVM
     * then stops compiling and the rest runs interpreted. Reserved address space: only what is used is resident.
     */
    static final int CODE_CACHE_BASE_MIB = 48;
    static final int CODE_CACHE_PER_SERVICE_MIB = 4;
    /** The services' graceful stop, then Kafka's and PostgreSQL's. */
    static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private HostJvm() {
    }

    /**
     * SIGTERM, then SIGKILL after {@link #STOP_GRACE}. Only JDK classes: by the time it runs the jar may have been
     * rebuilt, and a class loaded from it then would fail.
     */
    private static void stop(Process platform) {
        platform.destroy();
        try {
            if (!platform.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                platform.destroyForcibly();
            }
        } catch (InterruptedException e) {
            platform.destroyForcibly();
        }
    }

    /** Whether this JVM is the one that runs the platform. */
    static boolean isHost() {
        return System.getProperty(LAUNCHED_BY) != null;
    }

    /** The JVM that started this one, if it did. */
    static OptionalLong launcher() {
        String pid = System.getProperty(LAUNCHED_BY);
        return pid == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(pid));
    }

    /**
     * Runs this JVM's command line again with {@link #FLAGS} and a heap for {@code hostedServices}, its output on this
     * terminal, and returns its exit code.
     * Ctrl-C reaches both (one process group); a SIGTERM to this JVM is passed on.
     */
    static int relaunch(int hostedServices) throws InterruptedException {
        Optional<String[]> arguments = ProcessHandle.current().info().arguments();
        if (arguments.isEmpty()) {
            throw new IllegalStateException("cannot read this JVM's command line to start the platform's JVM");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FLAGS);
        command.add("-Xmx" + (HEAP_BASE_MIB + HEAP_PER_SERVICE_MIB * hostedServices) + "m");
        command.add("-XX:ReservedCodeCacheSize=" + (CODE_CACHE_BASE_MIB + CODE_CACHE_PER_SERVICE_MIB * hostedServices)
                + "m");
        command.add("-D" + LAUNCHED_BY + "=" + ProcessHandle.current().pid());
        command.addAll(List.of(arguments.get()));
        Process platform;
        try {
            platform = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the platform's JVM", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(platform), "local-platform-stop"));
        // This JVM only waits from here on: give back the heap that reading the jar and the command line took.
        System.gc();
        return platform.waitFor();
    }
}
