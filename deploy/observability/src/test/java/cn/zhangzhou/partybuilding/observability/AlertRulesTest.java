package cn.zhangzhou.partybuilding.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.testing.Promtool;

/**
 * The alert rules of {@code prometheus/alerts.yml} are valid ({@code promtool check rules}) and each alert has a unit
 * test of its own, {@code prometheus/tests/<alert>.test.yml}, in which it both fires and stays silent, and which
 * passes ({@code promtool test rules}); compose's {@code prometheus/prometheus.yml} is a valid configuration.
 */
class AlertRulesTest {

    private static final Path PROMETHEUS = Path.of("prometheus");
    private static final Pattern ALERT = Pattern.compile("^\\s*- alert: (\\S+)\\s*$", Pattern.MULTILINE);

    private static Promtool promtool;

    @BeforeAll
    static void promtool() {
        Optional<Promtool> found = Promtool.find();
        assumeTrue(found.isPresent(), Promtool.MISSING);
        promtool = found.get();
    }

    @Test
    void theRulesAreValid() {
        Promtool.Result checked = promtool.run(PROMETHEUS, null, "check", "rules", "alerts.yml");
        assertThat(checked.exitCode()).as(checked.output()).isZero();
        assertThat(checked.output()).contains("SUCCESS: " + alerts().size() + " rules found");
    }

    @Test
    void composesPrometheusConfigurationIsValid() {
        // Syntax only: it names the rules where compose mounts them (/etc/prometheus/alerts.yml).
        Promtool.Result checked = promtool.run(PROMETHEUS, null, "check", "config", "--syntax-only", "prometheus.yml");
        assertThat(checked.exitCode()).as(checked.output()).isZero();
    }

    @Test
    void everyAlertHasAUnitTestWhereItFiresAndWhereItDoesNot() throws IOException {
        List<String> alerts = alerts();
        assertThat(alerts).contains("ServiceDown", "OutboxEventsWaiting", "ConsumerLagging", "DeadLettersGrowing",
                "HighErrorRate", "CircuitBreakerOpen", "DistrictSilent");
        try (Stream<Path> files = Files.list(PROMETHEUS.resolve("tests"))) {
            assertThat(files.map(file -> file.getFileName().toString().replace(".test.yml", "")))
                    .containsExactlyInAnyOrderElementsOf(alerts);
        }
        for (String alert : alerts) {
            String test = Files.readString(PROMETHEUS.resolve("tests").resolve(alert + ".test.yml"));
            assertThat(test).as(alert).contains("alertname: " + alert, "exp_alerts: []", "- exp_labels:")
                    .doesNotContainPattern("alertname: (?!" + alert + "\\b)");
        }
    }

    @Test
    void theUnitTestsPass() throws IOException {
        List<String> tests;
        try (Stream<Path> files = Files.list(PROMETHEUS.resolve("tests"))) {
            tests = files.map(file -> "tests/" + file.getFileName()).sorted().toList();
        }
        String[] arguments = Stream.concat(Stream.of("test", "rules"), tests.stream()).toArray(String[]::new);
        Promtool.Result tested = promtool.run(PROMETHEUS, null, arguments);
        assertThat(tested.exitCode()).as(tested.output()).isZero();
        assertThat(tested.output()).doesNotContain("FAILED");
    }

    private static List<String> alerts() {
        try {
            Matcher matcher = ALERT.matcher(Files.readString(PROMETHEUS.resolve("alerts.yml")));
            return matcher.results().map(result -> result.group(1)).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
