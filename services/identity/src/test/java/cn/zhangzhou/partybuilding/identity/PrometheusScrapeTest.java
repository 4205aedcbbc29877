package cn.zhangzhou.partybuilding.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.identity.testing.IdentityTest;
import cn.zhangzhou.partybuilding.testing.Promtool;

/**
 * The scrape the team's Prometheus reads (docs/operations.md): identity's {@code /actuator/prometheus} has the HTTP,
 * JVM and pool meters, and passes {@code promtool check metrics}. Identity publishes no events, so it has no outbox
 * meters; its consumer's lag shows once a membership topic exists (the district services' scrape tests check it).
 */
class PrometheusScrapeTest extends IdentityTest {

    @Test
    void theScrapeHasTheWatchedMetersAndPassesPromtool() {
        Optional<Promtool> promtool = Promtool.find();
        assumeTrue(promtool.isPresent(), Promtool.MISSING);
        List<String> names = Promtool.WATCHED.stream().filter(name -> !name.startsWith("zz_")).toList();
        Promtool.Result checked = promtool.get().checkMetrics(Promtool.scrape(api, names));
        assertThat(checked.exitCode()).as(checked.output()).isZero();
    }
}
