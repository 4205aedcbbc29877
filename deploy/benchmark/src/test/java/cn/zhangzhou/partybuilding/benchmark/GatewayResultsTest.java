package cn.zhangzhou.partybuilding.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import cn.zhangzhou.partybuilding.benchmark.GatewayResults.Comparison;
import cn.zhangzhou.partybuilding.benchmark.GatewayResults.Measured;
import cn.zhangzhou.partybuilding.benchmark.GatewayResults.Target;
import org.junit.jupiter.api.Test;

/** Ratios, added latency, the half-load rate, the verdicts and the Markdown rows of the gateway comparison. */
class GatewayResultsTest {

    private static Measured measured(double perSecond, double p50, double p99, long errors, String firstError) {
        return new Measured(perSecond, new Results.Latency(p50, p99, p99 + 1, 100), errors, firstError, Double.NaN);
    }

    private static Comparison level(String clients, double direct, double bare, double gateway) {
        return new Comparison("me", clients, measured(direct, 1.0, 3.0, 0, null), measured(bare, 2.0, 5.0, 0, null),
                measured(gateway, 2.5, 7.5, 0, null));
    }

    @Test
    void ratiosAreTargetThroughputOverDirect() {
        Comparison c = level("8", 4000, 1080, 2000);

        assertThat(c.gatewayRatio()).isCloseTo(0.5, within(1e-9));
        assertThat(c.bareRatio()).isCloseTo(0.27, within(1e-9));
    }

    @Test
    void addedLatencyIsGatewayMinusDirectAndMayBeNegative() {
        Comparison c = level("8", 4000, 1080, 2000);
        Comparison faster = new Comparison("me", "1", measured(100, 4.0, 9.0, 0, null), measured(90, 4.2, 9.5, 0, null),
                measured(95, 3.5, 8.0, 0, null));

        assertThat(c.addedP50()).isCloseTo(1.5, within(1e-9));
        assertThat(c.addedP99()).isCloseTo(4.5, within(1e-9));
        assertThat(c.bareAddedP99()).isCloseTo(2.0, within(1e-9));
        assertThat(faster.addedP99()).isCloseTo(-1.0, within(1e-9));
    }

    @Test
    void noDirectThroughputGivesNoRatioAndMissesTheTarget() {
        Comparison c = level("8", 0, 10, 10);

        assertThat(c.gatewayRatio()).isNaN();
        assertThat(GatewayResults.atLeast(c.gatewayRatio(), GatewayResults.TRIVIAL_TARGET)).isEqualTo("missed");
        assertThat(GatewayResults.under(Double.NaN, GatewayResults.ADDED_P99_TARGET_MILLIS)).isEqualTo("missed");
    }

    @Test
    void peakRatioComparesTheBestLevelsEvenAtDifferentClients() {
        List<Comparison> levels = List.of(level("1", 1000, 300, 600), level("8", 4000, 1000, 1800),
                level("32", 3800, 1100, 2100));

        assertThat(GatewayResults.peakRatio(levels, Target.GATEWAY)).isCloseTo(2100 / 4000.0, within(1e-9));
        assertThat(GatewayResults.peakRatio(levels, Target.BARE)).isCloseTo(1100 / 4000.0, within(1e-9));
        assertThat(GatewayResults.peakRatio(levels, Target.DIRECT)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void halfLoadIsHalfTheBestDirectRateUnlessARateIsGiven() {
        List<Comparison> levels = List.of(level("1", 1000, 300, 600), level("8", 4001.37, 1000, 1800));

        assertThat(GatewayResults.halfLoad(levels, 0)).isEqualTo(2000.7);
        assertThat(GatewayResults.halfLoad(levels, 750)).isEqualTo(750.0);
        assertThatThrownBy(() -> GatewayResults.halfLoad(List.of(level("1", 0, 0, 0)), 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no direct request");
    }

    @Test
    void halfOfTheGatewaysBestIsItsOwnHalfLoad() {
        List<Comparison> levels = List.of(level("1", 1000, 300, 600), level("8", 4001.37, 1000, 1800.3));

        assertThat(GatewayResults.halfOfBest(levels, Target.GATEWAY)).isEqualTo(900.2);
        assertThat(GatewayResults.halfOfBest(levels, Target.BARE)).isEqualTo(500.0);
        assertThatThrownBy(() -> GatewayResults.halfOfBest(List.of(level("1", 10, 10, 0)), Target.GATEWAY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no gateway request");
    }

    @Test
    void verdictsUseTheTargetsBounds() {
        assertThat(GatewayResults.atLeast(0.5, GatewayResults.TRIVIAL_TARGET)).isEqualTo("met");
        assertThat(GatewayResults.atLeast(0.49, GatewayResults.TRIVIAL_TARGET)).isEqualTo("missed");
        assertThat(GatewayResults.atLeast(0.79, GatewayResults.DATABASE_TARGET)).isEqualTo("missed");
        assertThat(GatewayResults.under(4.99, GatewayResults.ADDED_P99_TARGET_MILLIS)).isEqualTo("met");
        assertThat(GatewayResults.under(5.0, GatewayResults.ADDED_P99_TARGET_MILLIS)).isEqualTo("missed");
    }

    @Test
    void errorsAreSummedAndTheFirstNamesItsTarget() {
        Comparison c = new Comparison("member", "16", measured(100, 1, 2, 0, null), measured(90, 1, 2, 0, null),
                measured(80, 1, 2, 3, "429 /api/v1/xiangcheng/membership/me {\"status\":429}"));
        Comparison clean = level("4", 100, 50, 60);

        assertThat(c.errors()).isEqualTo(3);
        assertThat(c.firstError()).startsWith("gateway: 429");
        assertThat(clean.errors()).isZero();
        assertThat(clean.firstError()).isNull();
    }

    @Test
    void markdownRowsHaveOneCellPerHeaderColumn() {
        Comparison c = level("16", 4000, 1080, 2000);

        String row = GatewayResults.levelRow(c);
        String half = GatewayResults.halfLoadRow(new Comparison("me", "2000.0", c.direct(), c.bare(), c.gateway()));

        assertThat(row).isEqualTo("| me | 16 | 4000 | 1080 | 2000 | 0.27 | 0.50 | 1.00 / 3.00 | 2.00 / 5.00 | 2.50 / 7.50 "
                + "| +1.5 | +4.5 | 0 / 0 / 0 |");
        assertThat(cells(row)).isEqualTo(cells(GatewayResults.LEVEL_HEADER.lines().findFirst().orElseThrow()));
        assertThat(half).isEqualTo("| me | 2000.0 | 1.00 / 3.00 | 2.00 / 5.00 | 2.50 / 7.50 | +2.0 | +4.5 | 0 / 0 / 0 |");
        assertThat(cells(half)).isEqualTo(cells(GatewayResults.HALF_LOAD_HEADER.lines().findFirst().orElseThrow()));
    }

    private static long cells(String row) {
        return row.chars().filter(ch -> ch == '|').count();
    }

    @Test
    void issue11ComparesTheGatewayWithTheBareRouteInCpuThroughputAndAddedP99() {
        Results.Latency latency = new Results.Latency(2, 10, 11, 100);
        Measured direct = new Measured(4000, new Results.Latency(1, 4, 5, 100), 0, null, 0.25);
        Measured bare = new Measured(2000, new Results.Latency(1.5, 7, 8, 100), 0, null, 0.2);
        Measured gateway = new Measured(1500, latency, 0, null, 0.5);
        Comparison c = new Comparison("me", "16", direct, bare, gateway);

        assertThat(c.cpuOverBare()).isCloseTo(2.5, within(1e-9));
        assertThat(c.throughputOverBare()).isCloseTo(0.75, within(1e-9));
        assertThat(c.addedP99OverBare()).as("(10 - 4) / (7 - 4)").isCloseTo(2.0, within(1e-9));
        assertThat(GatewayResults.cpuRow(c)).isEqualTo("| me | 16 | 0.250 | 0.200 | 0.500 | 2.50 | missed | 0.75 | missed |");
        assertThat(GatewayResults.atMost(c.addedP99OverBare(), GatewayResults.ADDED_P99_OVER_BARE_TARGET)).isEqualTo("met");
        assertThat(GatewayResults.atMost(Double.NaN, 1.5)).isEqualTo("n/a");
        Comparison bareFasterThanDirect = new Comparison("me", "60", direct,
                new Measured(60, new Results.Latency(1, 3, 4, 100), 0, null, 0.2), gateway);
        assertThat(bareFasterThanDirect.addedP99OverBare()).as("no ratio to a negative addition").isNaN();
    }

    @Test
    void theCpuPerRequestIsTheReceiversTicksOverItsAnswers() {
        GatewayLoad.Run run = new GatewayLoad.Run(8, 10, 500, 0, null, Results.Latency.histogram());

        assertThat(Measured.of(run, 25).cpuMillis()).as("25 ticks of 10 ms over 500 answers").isCloseTo(0.5, within(1e-9));
        assertThat(Measured.of(run, -1).cpuMillis()).isNaN();
    }
}
