package cn.zhangzhou.partybuilding.volunteering.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering;
import cn.zhangzhou.partybuilding.testing.Promtool;

/**
 * The scrape the team's Prometheus reads (docs/operations.md): the running service's {@code /actuator/prometheus}
 * has the meters the alerts use, and passes {@code promtool check metrics}.
 */
class PrometheusScrapeTest {

    private final RunningVolunteering v = RunningVolunteering.get();

    @Test
    void theScrapeHasTheWatchedMetersAndPassesPromtool() {
        Optional<Promtool> promtool = Promtool.find();
        assumeTrue(promtool.isPresent(), Promtool.MISSING);
        Promtool.Result checked = promtool.get().checkMetrics(Promtool.scrape(v.api, Promtool.WATCHED));
        assertThat(checked.exitCode()).as(checked.output()).isZero();
    }
}
