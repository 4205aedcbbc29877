package cn.zhangzhou.partybuilding.benchmark;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** Prints the results twice: a plain table for the terminal and a Markdown section for docs/performance.md. */
final class Report {

    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    void plain(Machine m, BenchmarkOptions o, List<Results.Level> levels, Results.WritePath fixed) {
        out.println();
        out.println("==== membership write path benchmark ====");
        out.printf("machine  %d CPUs, %s, %d MiB, %s, %s%n", m.cpus(), m.cpuModel(), m.memoryMiB(), m.java(), m.os());
        out.printf("load     %s at the start, %s at the end%n", m.loadAverage(), Machine.currentLoadAverage());
        out.printf("run      %s s per level after %s s warm-up; fixed rate for %s s%n",
                o.duration().toMillis() / 1000.0, o.warmup().toMillis() / 1000.0, o.fixedRateDuration().toMillis() / 1000.0);
        out.println();
        out.println("clients  cmd/s   events/s  kafka p50  p99    max    (ms)  http p50  p99  mean server  errors missing backlog peak/final  RSS MiB  ceiling tx/s  ratio");
        for (Results.Level l : levels) {
            Results.WritePath w = l.writePath();
            out.println(String.format(Locale.ROOT,
                    "%7d %7.1f %9.1f %9.1f %6.1f %6.1f       %8.1f %5.1f %11.1f %7d %7d %7d / %-5d %8.1f %13.1f %6.2f",
                    w.clients(), w.commandsPerSecond(), w.eventsPerSecond(), w.toKafka().p50(), w.toKafka().p99(),
                    w.toKafka().max(), w.command().p50(), w.command().p99(), w.serverMeanMillis(), w.errors(), w.missing(),
                    w.peakBacklog(), w.finalBacklog(), w.peakRssKiB() / 1024.0, l.ceiling().perSecond(), l.ratio()));
        }
        out.println();
        out.println(String.format(Locale.ROOT,
                "fixed rate %.1f/s (%d threads, open loop): %.1f cmd/s, %.1f events/s; accepted→Kafka p50 %.1f ms, p99 %.1f ms, "
                        + "max %.1f ms; http p50 %.1f ms, p99 %.1f ms, mean in the service %.1f ms; errors %d, missing %d, backlog peak %d final %d, RSS peak %.1f MiB",
                targetRate(fixed), fixed.clients(), fixed.commandsPerSecond(), fixed.eventsPerSecond(), fixed.toKafka().p50(),
                fixed.toKafka().p99(), fixed.toKafka().max(), fixed.command().p50(), fixed.command().p99(),
                fixed.serverMeanMillis(), fixed.errors(), fixed.missing(), fixed.peakBacklog(), fixed.finalBacklog(),
                fixed.peakRssKiB() / 1024.0));
        for (Results.Level l : levels) {
            if (l.writePath().firstError() != null) {
                out.println("first error at " + l.writePath().clients() + " clients: " + l.writePath().firstError());
            }
            if (l.ceiling().firstError() != null) {
                out.println("first ceiling error at " + l.ceiling().threads() + " threads: " + l.ceiling().firstError());
            }
        }
        if (fixed.firstError() != null) {
            out.println("first error of the fixed-rate run: " + fixed.firstError());
        }
    }

    void markdown(Machine m, BenchmarkOptions o, List<Results.Level> levels, Results.WritePath fixed, double readySeconds) {
        out.println();
        out.println("---- Markdown for docs/performance.md ----");
        out.println();
        out.println("### Run of " + LocalDate.now());
        out.println();
        out.println("- Machine: " + m.cpus() + " CPUs (" + m.cpuModel() + "), " + m.memoryMiB() + " MiB, " + m.os());
        out.println("- Java: " + m.java());
        out.println("- Load average at the start: " + m.loadAverage() + "; at the end: " + Machine.currentLoadAverage());
        out.printf(Locale.ROOT, "- %s s per level after %s s warm-up; fixed-rate run %s s; service ready %.1f s after its start%n",
                o.duration().toMillis() / 1000.0, o.warmup().toMillis() / 1000.0, o.fixedRateDuration().toMillis() / 1000.0,
                readySeconds);
        out.println();
        out.println("| clients | commands/s | events/s | accepted→Kafka p50 / p99 / max (ms) | HTTP p50 / p99 (ms) | mean in service (ms) "
                + "| errors | events missing | outbox backlog peak / final | service RSS peak (MiB) | ceiling tx/s | write path / ceiling |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Results.Level l : levels) {
            Results.WritePath w = l.writePath();
            out.println(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.1f / %.1f / %.1f | %.1f / %.1f | %.1f | %d | %d | %d / %d | %.1f | %.1f | %.2f |",
                    w.clients(), w.commandsPerSecond(), w.eventsPerSecond(), w.toKafka().p50(), w.toKafka().p99(),
                    w.toKafka().max(), w.command().p50(), w.command().p99(), w.serverMeanMillis(), w.errors(), w.missing(),
                    w.peakBacklog(), w.finalBacklog(), w.peakRssKiB() / 1024.0, l.ceiling().perSecond(), l.ratio()));
        }
        out.println();
        out.println("| fixed rate (open loop) | commands/s | events/s | accepted→Kafka p50 / p99 / max (ms) | HTTP p50 / p99 (ms) | mean in service (ms) "
                + "| errors | events missing | outbox backlog peak / final | service RSS peak (MiB) |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        out.println(String.format(Locale.ROOT, "| %.1f/s, %d threads | %.1f | %.1f | %.1f / %.1f / %.1f | %.1f / %.1f | %.1f | %d | %d | %d / %d | %.1f |",
                targetRate(fixed), fixed.clients(), fixed.commandsPerSecond(), fixed.eventsPerSecond(), fixed.toKafka().p50(),
                fixed.toKafka().p99(), fixed.toKafka().max(), fixed.command().p50(), fixed.command().p99(),
                fixed.serverMeanMillis(), fixed.errors(), fixed.missing(), fixed.peakBacklog(), fixed.finalBacklog(),
                fixed.peakRssKiB() / 1024.0));
        out.println();
    }

    private static double targetRate(Results.WritePath fixed) {
        return Double.parseDouble(fixed.label());
    }
}
