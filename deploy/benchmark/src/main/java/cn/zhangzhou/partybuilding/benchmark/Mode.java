package cn.zhangzhou.partybuilding.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.util.FileSystemUtils;

import cn.zhangzhou.partybuilding.platform.RepositoryRoot;
import picocli.CommandLine.Mixin;

/**
 * What the benchmark measures (a command: the write path, {@code claims} or {@code gateway}) and how every one runs:
 * in a temp dir of its own, with PostgreSQL, Kafka and the key pair of {@link Bench} started first and everything
 * started stopped at the end, also on Ctrl-C.
 */
abstract class Mode implements Callable<Integer> {

    @Mixin
    BenchmarkOptions options;

    final PrintStream out = System.out;
    /** What to close, most recent first. */
    final Deque<AutoCloseable> resources = new ArrayDeque<>();
    /** The run's infrastructure, there when {@link #measure} is called. */
    Bench bench;

    /** The client levels when {@code --levels} is not given. */
    abstract List<Integer> defaultLevels();

    abstract void measure(Machine machine) throws Exception;

    List<Integer> levels() {
        return options.levels() == null ? defaultLevels() : options.levels();
    }

    @Override
    public Integer call() throws IOException {
        Path root = RepositoryRoot.require(Path.of(""));
        Path dir = Files.createTempDirectory("zz-benchmark-");
        // Before the first logger exists: the infra logs go into the run's temp dir.
        System.setProperty("zz.bench.logs", dir.toString());
        Thread hook = new Thread(() -> cleanUp(dir), "benchmark-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Machine machine = Machine.describe();
            out.printf("machine: %d CPUs, %s, %d MiB, %s; load average %s%n", machine.cpus(), machine.cpuModel(),
                    machine.memoryMiB(), machine.java(), machine.loadAverage());
            out.println("temp dir " + dir);
            bench = Bench.start(root, dir, options.serviceJvmArgs(), resources, out);
            measure(machine);
            return 0;
        } catch (Exception e) {
            System.err.println("benchmark failed: " + e);
            e.printStackTrace();
            return 1;
        } finally {
            cleanUp(dir);
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    /** Stops what was started (the services, the consumer, Kafka, PostgreSQL) and deletes the temp dir. Idempotent. */
    private synchronized void cleanUp(Path dir) {
        AutoCloseable r;
        while ((r = resources.poll()) != null) {
            try {
                r.close();
            } catch (Exception e) {
                System.err.println("stopping " + r.getClass().getSimpleName() + " failed: " + e);
            }
        }
        if (options.keepDir()) {
            out.println("kept " + dir);
            return;
        }
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
