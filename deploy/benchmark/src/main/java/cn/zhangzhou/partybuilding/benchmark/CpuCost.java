package cn.zhangzhou.partybuilding.benchmark;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * What one measured window cost in CPU per command, beside the bare transaction of the same level. Issue 11's
 * targets: ≤ 0.3 ms of service CPU per command; the path's CPU — service, PostgreSQL and the Kafka broker — ≤ 3× the
 * bare transaction's (PostgreSQL and its JDBC client); the load generator no more per command than the service. The
 * machine's figure includes everything else that ran.
 *
 * @param bare NaN figures where the window has no ceiling of its own (the open-loop run)
 */
record CpuCost(String path, String level, double perSecond, ProcessCpu.PerCommand cpu, ProcessCpu.PerCommand bare) {

    static final double SERVICE_TARGET_MILLIS = 0.3;
    static final double PATH_OVER_BARE_TARGET = 3.0;

    double bareMillis() {
        return bare.postgres() + bare.loadGenerator();
    }

    double pathMillis() {
        return cpu.service() + cpu.postgres() + cpu.broker();
    }

    double pathOverBare() {
        return pathMillis() / bareMillis();
    }

    static void table(PrintStream out, List<CpuCost> rows) {
        out.println();
        out.println("CPU per command in ms (/proc over each measured window; the Kafka broker runs in the benchmark's "
                + "JVM and is told apart by its threads; the load generator is the rest of that JVM, its collector and "
                + "compilers included). Targets (issue 11): service ≤ 0.300; path (service + PostgreSQL + broker) ≤ 3× "
                + "the bare transaction (PostgreSQL + its JDBC client); load generator ≤ service.");
        out.println();
        out.println("| path | level | /s | service | PostgreSQL | broker | load generator | machine | bare tx | path/bare "
                + "| service ≤ 0.3 | path ≤ 3× | generator ≤ service |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
        for (CpuCost r : rows) {
            ProcessCpu.PerCommand c = r.cpu();
            out.println(String.format(Locale.ROOT,
                    "| %s | %s | %.1f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.2f | %s | %s | %s |", r.path(),
                    r.level(), r.perSecond(), c.service(), c.postgres(), c.broker(), c.loadGenerator(), c.machine(),
                    r.bareMillis(), r.pathOverBare(), verdict(c.service() <= SERVICE_TARGET_MILLIS, c.service()),
                    verdict(r.pathOverBare() <= PATH_OVER_BARE_TARGET, r.pathOverBare()),
                    verdict(c.loadGenerator() <= c.service(), c.loadGenerator() - c.service())));
        }
    }

    /** "n/a" where a figure could not be measured (no /proc, or no ceiling in the window). */
    private static String verdict(boolean met, double figure) {
        return Double.isNaN(figure) ? "n/a" : met ? "met" : "missed";
    }
}
