package cn.zhangzhou.partybuilding.benchmark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CPU time per process over a measured window, from /proc (issue 11): the service, PostgreSQL (the postmaster and
 * every backend), this JVM split in two — the in-process Kafka broker (its threads, by name) and the rest (the load
 * generator or a ceiling's JDBC client, the events consumer, and the whole JVM's garbage collection and JIT) — and the
 * machine as a whole (busy time of every CPU, other work included: compare it with the load average). Linux only;
 * where /proc is missing every figure is NaN.
 */
final class ProcessCpu {

    /** USER_HZ: 100 on every Linux the JDK runs on. */
    private static final double MILLIS_PER_TICK = 10.0;

    /**
     * The names (as /proc shows them: the first 15 characters) of the Kafka broker's threads. The broker's threads
     * live as long as it does, so their time is read from the live threads; a thread of the load generator ends
     * with its run, and its time stays in the process's total, which is why the load generator is the rest.
     */
    static final Pattern BROKER_THREAD = Pattern.compile("data-plane-kafk.*|ExpirationReape.*|group-coordinat.*"
            + "|share-coordinat.*|controller-\\d.*|broker-\\d.*|kafka-\\d.*|kafka-scheduler.*|kafka-log-clean.*|quorum-controll.*|raft-.*|transaction-log.*"
            + "|share-group-loc.*|persister-state.*|PersisterStateM.*|TxnMarkerSender.*|SensorExpiryThr.*|client-metrics.*"
            + "|LogDirFailureHa.*|AddPartitionsTo.*|metrics-meter-t.*");

    /** Clock ticks of user + system time so far; {@code broker} is part of {@code benchmark}. */
    record Snapshot(long service, long postgres, long benchmark, long broker, long machineBusy) {
    }

    /**
     * Milliseconds of CPU per command (or per bare transaction) between two snapshots.
     *
     * @param loadGenerator the benchmark JVM without the broker's threads: the load generator (or a ceiling's JDBC
     *                      client), the events consumer and the JVM's own collector and compilers
     */
    record PerCommand(double service, double postgres, double broker, double loadGenerator, double machine) {

        static final PerCommand UNMEASURED = new PerCommand(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        static PerCommand between(Snapshot from, Snapshot to, long commands) {
            if (from == null || to == null || commands <= 0) {
                return UNMEASURED;
            }
            long broker = to.broker() - from.broker();
            return new PerCommand(ms(to.service() - from.service(), commands),
                    ms(to.postgres() - from.postgres(), commands), ms(broker, commands),
                    ms(to.benchmark() - from.benchmark() - broker, commands),
                    ms(to.machineBusy() - from.machineBusy(), commands));
        }

        private static double ms(long ticks, long commands) {
            return ticks < 0 ? Double.NaN : ticks * MILLIS_PER_TICK / commands;
        }
    }

    private final long servicePid;
    private final Path postmasterPidFile;

    /** @param servicePid the service's process (-1: none, as for a bare transaction) */
    ProcessCpu(long servicePid, Path postgresDataDir) {
        this.servicePid = servicePid;
        this.postmasterPidFile = postgresDataDir.resolve("postmaster.pid");
    }

    /** Null where /proc cannot be read. */
    Snapshot snapshot() {
        try {
            long self = ProcessHandle.current().pid();
            return new Snapshot(servicePid < 0 ? 0 : ticks(servicePid), postgresTicks(), ticks(self),
                    threadTicks(self, BROKER_THREAD), machineBusyTicks());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private long postgresTicks() throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(postmasterPidFile).get(0).strip());
        // A backend that exited (a ceiling closes its connections before the window's end) was reaped by the
        // postmaster: its time is in the postmaster's cutime and cstime. The live ones are added one by one.
        long total = ticks(postmaster) + reapedChildrenTicks(postmaster);
        for (ProcessHandle backend : ProcessHandle.of(postmaster).map(p -> p.descendants().toList())
                .orElse(List.of())) {
            total += ticksOrZero(backend.pid());
        }
        return total;
    }

    private static long ticksOrZero(long pid) {
        try {
            return ticks(pid);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** utime + stime of the live threads of a process whose names match. */
    static long threadTicks(long pid, Pattern names) throws IOException {
        long total = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    if (names.matcher(Files.readString(task.resolve("comm")).strip()).matches()) {
                        total += statTicks(Files.readString(task.resolve("stat")));
                    }
                } catch (IOException ended) {
                    // the thread ended while we looked: its time is in the process's total
                }
            }
        }
        return total;
    }

    /** utime + stime: fields 14 and 15 of /proc/<pid>/stat, counted after the command name's closing parenthesis. */
    static long ticks(long pid) throws IOException {
        return statTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    }

    private static long statTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** cutime + cstime: fields 16 and 17 of /proc/<pid>/stat, the time of the children it waited for. */
    static long reapedChildrenTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    /** user + nice + system + irq + softirq + steal of the first line of /proc/stat (idle and iowait left out). */
    static long machineBusyTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                + Long.parseLong(f[7]) + Long.parseLong(f[8]);
    }
}
