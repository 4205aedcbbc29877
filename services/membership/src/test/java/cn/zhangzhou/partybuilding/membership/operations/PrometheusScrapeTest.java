package cn.zhangzhou.partybuilding.membership.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.membership.testing.RunningDistrict;
import cn.zhangzhou.partybuilding.testing.Promtool;

/**
 * The scrape the team's Prometheus reads (docs/operations.md): the running service's {@code /actuator/prometheus}
 * has the meters the alerts use, and passes {@code promtool check metrics}.
 */
class PrometheusScrapeTest {

    private final RunningDistrict xc = RunningDistrict.xiangcheng();

    @Test
    void theScrapeHasTheWatchedMetersAndPassesPromtool() {
        Optional<Promtool> promtool = Promtool.find();
        assumeTrue(promtool.isPresent(), Promtool.MISSING);
        xc.root();
        // Xiangcheng consumes the other districts' topics: one event of Zhangpu gives its listener partitions.
        RunningDistrict.publishOrganisation("zhangpu", UUID.randomUUID(), "城西社区");
        List<String> names = new ArrayList<>(Promtool.WATCHED);
        names.addAll(List.of("zz_consumer_lag{group=\"membership-xiangcheng-", "zz_events_published_total{",
                "zz_outbox_relay_latency_seconds_bucket{"));
        Promtool.Result checked = promtool.get().checkMetrics(Promtool.scrape(xc.api, names));
        assertThat(checked.exitCode()).as(checked.output()).isZero();
    }
}
