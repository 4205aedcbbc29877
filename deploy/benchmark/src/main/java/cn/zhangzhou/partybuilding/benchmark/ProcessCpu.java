package cn.zhangzhou.partybuilding.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time per process over a measured window, from /proc (issue 11): the service, PostgreSQL (the postmaster and
 * every backend), this JVM (the load generator and the in-process Kafka broker: one process, so one figure), and the
 * machine as a whole (busy time of every CPU, other work included: compare it with the load average). Linux only;
 * where /proc is missing every figure is NaN.
 */
final class ProcessCpu {

    /** USER_HZ: 100 on every Linux the JDK runs on. */
    private static final double MILLIS_PER_TICK = 10.0;

    /** Clock ticks of user + system time so far. */
    record Snapshot(long service, long postgres, long benchmark, long machineBusy) {
    }

    /** Milliseconds of CPU per command (or per bare transaction) between two snapshots. */
    record PerCommand(double service, double postgres, double benchmark, double machine) {

        static PerCommand between(Snapshot from, Snapshot to, long commands) {
            if (from == null || to == null || commands <= 0) {
                return new PerCommand(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            return new PerCommand(ms(to.service() - from.service(), commands),
                    ms(to.postgres() - from.postgres(), commands), ms(to.benchmark() - from.benchmark(), commands),
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
            return new Snapshot(servicePid < 0 ? 0 : ticks(servicePid), postgresTicks(),
                    ticks(ProcessHandle.current().pid()), machineBusyTicks());
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

    /** utime + stime: fields 14 and 15 of /proc/<pid>/stat, counted after the command name's closing parenthesis. */
    static long ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
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
