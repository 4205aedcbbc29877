package cn.zhangzhou.partybuilding.dashboard.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.dashboard.testing.RunningDashboard;
import cn.zhangzhou.partybuilding.testing.Promtool;

/**
 * The dashboard's scrape as the team's Prometheus reads it (docs/operations.md): once it consumed the districts'
 * events, {@code /actuator/prometheus} has its consumer's lag and outcomes, the HTTP, JVM and pool meters, and passes
 * {@code promtool check metrics} like every service's. (The dashboard has no outbox: it publishes nothing.)
 */
class PrometheusScrapeTest {

    private static final RunningDashboard d = RunningDashboard.get();

    @Test
    void theScrapeHasTheWatchedMetersAndPassesPromtool() {
        Optional<Promtool> promtool = Promtool.find();
        assumeTrue(promtool.isPresent(), Promtool.MISSING);
        assertThat(d.api.get("/api/v1/city", d.cityAdmin()).status()).isEqualTo(200);

        String scrape = Promtool.scrape(d.api, List.of("zz_consumer_lag{",
                "zz_events_consumed_total{", "http_server_requests_seconds_count{", "jvm_memory_used_bytes{",
                "hikaricp_connections_active{"));

        Promtool.Result checked = promtool.get().checkMetrics(scrape);
        assertThat(checked.exitCode()).as(checked.output()).isZero();
    }
}
