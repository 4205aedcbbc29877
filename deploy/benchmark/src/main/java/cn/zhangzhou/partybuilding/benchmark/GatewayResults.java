package cn.zhangzhou.partybuilding.benchmark;

import java.util.List;
import java.util.Locale;

/** The gateway comparison's figures and how they are derived: ratios to direct, added latency, the targets. */
final class GatewayResults {

    /** On a trivial endpoint the gateway with all filters on must reach at least this share of direct. */
    static final double TRIVIAL_TARGET = 0.5;
    /** On a database-backed read. */
    static final double DATABASE_TARGET = 0.8;
    /** Added p99 at half of the direct maximum rate must stay under this. */
    static final double ADDED_P99_TARGET_MILLIS = 5.0;
    /** Issue 11: the gateway's CPU per request at most this multiple of the bare route's. */
    static final double CPU_OVER_BARE_TARGET = 1.5;
    /** Issue 11: the gateway's throughput at least this share of the bare route's. */
    static final double THROUGHPUT_OVER_BARE_TARGET = 0.8;
    /** Issue 11: the p99 the gateway adds at half its own capacity at most this multiple of what the bare route adds. */
    static final double ADDED_P99_OVER_BARE_TARGET = 2.0;

    private GatewayResults() {
    }

    /** Where the requests go. */
    enum Target {
        DIRECT("direct"), BARE("bare gateway"), GATEWAY("gateway");

        final String label;

        Target(String label) {
            this.label = label;
        }
    }

    /**
     * One phase against one target.
     *
     * @param cpuMillis CPU per 2xx answer of the process that received the requests (the service for direct, else
     *                  the gateway in front of it), over the phase; NaN where /proc could not be read
     */
    record Measured(double perSecond, Results.Latency latency, long errors, String firstError, double cpuMillis) {

        /** @param cpuTicks the receiving process's clock ticks (10 ms) over the run, negative if unknown */
        static Measured of(GatewayLoad.Run run, long cpuTicks) {
            double cpu = cpuTicks < 0 || run.ok() == 0 ? Double.NaN : cpuTicks * 10.0 / run.ok();
            return new Measured(run.perSecond(), run.latency(), run.errors(), run.firstError(), cpu);
        }
    }

    /**
     * The three targets under the same load (a closed-loop level, or the open-loop run at a fixed rate).
     *
     * @param endpoint the endpoint's short name ({@code me}, {@code member})
     * @param load     clients for a closed-loop level, requests/s for an open-loop run
     */
    record Comparison(String endpoint, String load, Measured direct, Measured bare, Measured gateway) {

        /** Gateway throughput / direct throughput. */
        double gatewayRatio() {
            return ratio(gateway, direct);
        }

        double bareRatio() {
            return ratio(bare, direct);
        }

        /** What the gateway adds to the median, in ms (negative when it happened to be faster). */
        double addedP50() {
            return gateway.latency().p50() - direct.latency().p50();
        }

        double addedP99() {
            return gateway.latency().p99() - direct.latency().p99();
        }

        double bareAddedP99() {
            return bare.latency().p99() - direct.latency().p99();
        }

        /** The gateway's CPU per request over the bare route's (issue 11: ≤ 1.5). */
        double cpuOverBare() {
            return gateway.cpuMillis() / bare.cpuMillis();
        }

        /** The gateway's throughput over the bare route's (issue 11: ≥ 0.8). */
        double throughputOverBare() {
            return bare.perSecond() > 0 ? gateway.perSecond() / bare.perSecond() : Double.NaN;
        }

        /**
         * What the gateway adds to the p99 over what the bare route adds (issue 11: ≤ 2 at half its capacity); NaN
         * when the bare route added nothing measurable (its p99 at or under direct's: noise, no ratio to take).
         */
        double addedP99OverBare() {
            return bareAddedP99() > 0 ? addedP99() / bareAddedP99() : Double.NaN;
        }

        long errors() {
            return direct.errors() + bare.errors() + gateway.errors();
        }

        /** The first error of the first target that had one, with the target's name; null if none. */
        String firstError() {
            if (direct.firstError() != null) {
                return "direct: " + direct.firstError();
            }
            if (bare.firstError() != null) {
                return "bare gateway: " + bare.firstError();
            }
            return gateway.firstError() == null ? null : "gateway: " + gateway.firstError();
        }

        private static double ratio(Measured m, Measured direct) {
            return direct.perSecond() > 0 ? m.perSecond() / direct.perSecond() : Double.NaN;
        }
    }

    /** Throughput ratio of the best gateway level to the best direct level (they may be at different clients). */
    static double peakRatio(List<Comparison> levels, Target target) {
        double direct = levels.stream().mapToDouble(c -> c.direct().perSecond()).max().orElse(0);
        double other = levels.stream().mapToDouble(c -> measured(c, target).perSecond()).max().orElse(0);
        return direct > 0 ? other / direct : Double.NaN;
    }

    /** Half the best direct throughput of the levels (to 0.1 req/s), or the given rate when it is positive. */
    static double halfLoad(List<Comparison> levels, double givenRate) {
        if (givenRate > 0) {
            return givenRate;
        }
        return halfOfBest(levels, Target.DIRECT);
    }

    /** Half the best throughput of one target over the levels (to 0.1 req/s). */
    static double halfOfBest(List<Comparison> levels, Target target) {
        double best = levels.stream().mapToDouble(c -> measured(c, target).perSecond()).max().orElse(0);
        if (!(best > 0)) {
            throw new IllegalStateException("no " + target.label + " request succeeded: there is no half load to run at");
        }
        return Math.max(0.1, Math.round(best / 2 * 10) / 10.0);
    }

    private static Measured measured(Comparison c, Target target) {
        return switch (target) {
            case DIRECT -> c.direct();
            case BARE -> c.bare();
            case GATEWAY -> c.gateway();
        };
    }

    /** "met" / "missed" for a lower bound on the ratio; NaN (nothing measured) is missed. */
    static String atLeast(double value, double target) {
        return value >= target ? "met" : "missed";
    }

    /** "met" / "missed" for an upper bound on a ratio; NaN (nothing measured) is "n/a". */
    static String atMost(double value, double target) {
        return Double.isNaN(value) ? "n/a" : value <= target ? "met" : "missed";
    }

    /** One Markdown row of issue 11's comparison with the bare route at a closed-loop level. */
    static String cpuRow(Comparison c) {
        return String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.3f | %.2f | %s | %.2f | %s |", c.endpoint(), c.load(),
                c.direct().cpuMillis(), c.bare().cpuMillis(), c.gateway().cpuMillis(), c.cpuOverBare(),
                atMost(c.cpuOverBare(), CPU_OVER_BARE_TARGET), c.throughputOverBare(),
                atLeast(c.throughputOverBare(), THROUGHPUT_OVER_BARE_TARGET));
    }

    static final String CPU_HEADER = """
            | endpoint | clients | service CPU ms/req (direct) | bare gateway CPU ms/req | gateway CPU ms/req | gateway/bare CPU | ≤ 1.5× | gateway/bare req/s | ≥ 0.8× |
            |---|---:|---:|---:|---:|---:|---|---:|---|""";

    /** "met" / "missed" for an upper bound on added latency. */
    static String under(double value, double target) {
        return value < target ? "met" : "missed";
    }

    /** One Markdown row of a closed-loop level. */
    static String levelRow(Comparison c) {
        return String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %.2f | %.2f | %s | %s | %s | %+.1f | %+.1f | %d / %d / %d |",
                c.endpoint(), c.load(), c.direct().perSecond(), c.bare().perSecond(), c.gateway().perSecond(), c.bareRatio(),
                c.gatewayRatio(), p50p99(c.direct()), p50p99(c.bare()), p50p99(c.gateway()), c.addedP50(), c.addedP99(),
                c.direct().errors(), c.bare().errors(), c.gateway().errors());
    }

    static final String LEVEL_HEADER = """
            | endpoint | clients | direct req/s | bare req/s | gateway req/s | bare/direct | gateway/direct | direct p50 / p99 ms | bare p50 / p99 ms | gateway p50 / p99 ms | added p50 ms | added p99 ms | errors d / b / g |
            |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|""";

    /** One Markdown row of an open-loop run at half load. */
    static String halfLoadRow(Comparison c) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %+.1f | %+.1f | %d / %d / %d |", c.endpoint(), c.load(),
                p50p99(c.direct()), p50p99(c.bare()), p50p99(c.gateway()), c.bareAddedP99(), c.addedP99(),
                c.direct().errors(), c.bare().errors(), c.gateway().errors());
    }

    static final String HALF_LOAD_HEADER = """
            | endpoint | req/s (open loop) | direct p50 / p99 ms | bare p50 / p99 ms | gateway p50 / p99 ms | bare added p99 ms | gateway added p99 ms | errors d / b / g |
            |---|---:|---:|---:|---:|---:|---:|---:|""";

    private static String p50p99(Measured m) {
        return String.format(Locale.ROOT, "%.2f / %.2f", m.latency().p50(), m.latency().p99());
    }
}
