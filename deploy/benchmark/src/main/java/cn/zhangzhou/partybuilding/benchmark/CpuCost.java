package cn.zhangzhou.partybuilding.benchmark;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * What one measured window cost in CPU per command, beside the bare transaction of the same level (issue 11's
 * targets: ≤ 0.3 ms of service CPU per command; the path's CPU — service and PostgreSQL — ≤ 3× the bare
 * transaction's, PostgreSQL and its JDBC client). The benchmark JVM holds the load generator and the Kafka broker, so
 * its figure is theirs together; the machine's includes everything else that ran.
 *
 * @param bare NaN figures where the window has no ceiling of its own (the open-loop run)
 */
record CpuCost(String path, String level, double perSecond, ProcessCpu.PerCommand cpu, ProcessCpu.PerCommand bare) {

    static final double SERVICE_TARGET_MILLIS = 0.3;
    static final double PATH_OVER_BARE_TARGET = 3.0;

    double bareMillis() {
        return bare.postgres() + bare.benchmark();
    }

    double pathOverBare() {
        return (cpu.service() + cpu.postgres()) / bareMillis();
    }

    static void table(PrintStream out, List<CpuCost> rows) {
        out.println();
        out.println("CPU per command in ms (/proc over each measured window; the benchmark JVM holds the load generator "
                + "and the Kafka broker). Targets (issue 11): service ≤ 0.300; path (service + PostgreSQL) ≤ 3× the bare "
                + "transaction (PostgreSQL + its JDBC client).");
        out.println();
        out.println("| path | level | /s | service | PostgreSQL | benchmark JVM | machine | bare tx | path/bare | service ≤ 0.3 | path ≤ 3× |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|");
        for (CpuCost r : rows) {
            out.println(String.format(Locale.ROOT, "| %s | %s | %.1f | %.3f | %.3f | %.3f | %.3f | %.3f | %.2f | %s | %s |",
                    r.path(), r.level(), r.perSecond(), r.cpu().service(), r.cpu().postgres(), r.cpu().benchmark(),
                    r.cpu().machine(), r.bareMillis(), r.pathOverBare(), verdict(r.cpu().service() <= SERVICE_TARGET_MILLIS,
                            r.cpu().service()), verdict(r.pathOverBare() <= PATH_OVER_BARE_TARGET, r.pathOverBare())));
        }
    }

    /** "n/a" where a figure could not be measured (no /proc, or no ceiling in the window). */
    private static String verdict(boolean met, double figure) {
        return Double.isNaN(figure) ? "n/a" : met ? "met" : "missed";
    }
}
