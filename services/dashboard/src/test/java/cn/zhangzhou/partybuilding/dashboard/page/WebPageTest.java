package cn.zhangzhou.partybuilding.dashboard.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.dashboard.testing.ArticleCity;
import cn.zhangzhou.partybuilding.dashboard.testing.DistrictEvents;
import cn.zhangzhou.partybuilding.dashboard.testing.RunningDashboard;
import cn.zhangzhou.partybuilding.dashboard.testing.RunningIdentity;

/**
 * The page (web/) in a real browser: {@code web/e2e/page.mjs} drives Debian's Chromium headless through
 * playwright-core against a dashboard that trusts a real identity service, with the article's city on Kafka. The
 * script signs in (authorization code + PKCE), checks the article's figures on the page and in the charts' data,
 * drills down, exports CSV and saves screenshots to {@code target/screenshots/}; when it asks, this test publishes a
 * district's event and the script waits for the figure to change (at most a second). Skipped, saying how to install
 * them, where node, Chromium or the page's node_modules are missing.
 */
class WebPageTest {

    private static final Path WEB = Path.of("web");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @Test
    void theArticlesFiguresOnThePageLiveWithDrillDownAndCsv() throws Exception {
        assumeTrue(runs("node", "--version"), "no node on the PATH: apt-get install -y nodejs npm");
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM
                + ": apt-get install -y chromium fonts-wqy-zenhei (or set CHROMIUM)");
        assumeTrue(Files.isDirectory(WEB.resolve("node_modules/playwright-core")),
                "no web/node_modules: the Maven build runs npm ci in services/dashboard/web");
        assumeTrue(Files.isRegularFile(RunningIdentity.JAR), "no " + RunningIdentity.JAR
                + ": package services/identity first (mvn -pl services/identity,services/dashboard -am verify)");
        ArticleCity city = RunningDashboard.get().city;
        int identityPort = RunningIdentity.freePort();
        RunningDashboard dashboard = RunningDashboard.signingInThrough(RunningIdentity.issuer(identityPort),
                "dashboard_page");
        try (RunningIdentity identity = new RunningIdentity(identityPort, dashboard.baseUrl + "/")) {
            // Xiangcheng's volunteering topic exists before the live event, as in a deployment: a topic created by
            // that event would first have to be found by the pattern subscription (a rebalance, about a second).
            DistrictEvents.hours(ArticleCity.XIANGCHENG, city.qunyu, "LEGAL", false, 30, LocalDate.of(2016, 5, 1));
            int sent = DistrictEvents.sent();
            await("the article's events consumed").atMost(Duration.ofMinutes(3))
                    .until(() -> dashboard.consumed() >= sent);
            List<String> output = runPage(dashboard.baseUrl + "/", () -> DistrictEvents.hours(ArticleCity.XIANGCHENG,
                    city.qunyu, "PATROL", false, 60, LocalDate.of(2016, 6, 1)));
            assertThat(output).contains("passed: sign-in, figures, charts, live, drill-down, CSV, scope");
        } finally {
            dashboard.context.close();
        }
        assertThat(Path.of("target/screenshots/dashboard-city.png")).isRegularFile();
    }

    /** Runs the script, answering its "ready-for-event" by publishing the event; its output, once it exited 0. */
    private static List<String> runPage(String pageUrl, Runnable publish) throws Exception {
        ProcessBuilder script = new ProcessBuilder("node", "e2e/page.mjs").directory(WEB.toFile())
                .redirectErrorStream(true);
        script.environment().putAll(Map.of("PAGE_URL", pageUrl, "USERNAME", RunningIdentity.ADMIN,
                "PASSWORD", RunningIdentity.ADMIN_PASSWORD, "CHROMIUM", CHROMIUM.toString(),
                "SCREENSHOTS", Path.of("target/screenshots").toAbsolutePath().toString()));
        Process process = script.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); Writer answers = process.outputWriter(StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                System.out.println("page: " + line);
                output.add(line);
                if (line.startsWith("ready-for-event")) {
                    publish.run();
                    answers.write("published\n");
                    answers.close();
                }
            }
        } finally {
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
        }
        assertThat(process.exitValue()).as("the page script's exit (its output is above)").isZero();
        return output;
    }

    private static boolean runs(String... command) {
        try {
            return new ProcessBuilder(command).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
