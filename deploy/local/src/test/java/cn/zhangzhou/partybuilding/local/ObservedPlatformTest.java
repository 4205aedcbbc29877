package cn.zhangzhou.partybuilding.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import cn.zhangzhou.partybuilding.embedded.FreePorts;
import cn.zhangzhou.partybuilding.embedded.ProcessJar;
import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.platform.ServiceProcess;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventFeed;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the team watches, against running services (issue 16): a district's services hosted as the local platform
 * hosts them and the gateway in its own JVM, with a little traffic (a command whose event is published and consumed,
 * a poison record dead-lettered, gateway requests, one to a district whose services are down); then
 * <ul>
 *   <li>a real Prometheus scraping them every second: every panel's query of every Grafana dashboard in
 *   {@code deploy/observability/grafana/dashboards} and every alert's expression returns at least one series;</li>
 *   <li>the status page ({@link StatusPage}) shows every service's health, consumer lag and outbox age.</li>
 * </ul>
 * An alert's expression is checked without its thresholds: each comparison with a number is taken away and each side
 * of {@code unless}, {@code and}, {@code or} is queried on its own. On a healthy platform an alert is silent by design;
 * what must not be empty is what it compares. Where each alert fires and where it does not is for its promtool unit
 * test (AlertRulesTest).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservedPlatformTest {

    static final String DISTRICT = "nanjing";
    /** A district the gateway routes to but whose services do not run: its requests are 503s (HighErrorRate). */
    static final String DOWN_DISTRICT = "pinghe";
    static final Path DASHBOARDS = Deployments.ROOT.resolve("deploy/observability/grafana/dashboards");
    static final Path ALERTS = Deployments.ROOT.resolve("deploy/observability/prometheus/alerts.yml");
    /**
     * The dashboards' variables, as the test sets them: its district, and a service that consumes its district's events
     * (membership consumes only the other districts' ones, and there are none here).
     */
    static final Map<String, String> VARIABLES = Map.of("district", DISTRICT, "service", "wishes",
            "__rate_interval", "1m");
    private static final Pattern COMPARISON = Pattern.compile("\\s*(==|!=|>=|<=|>|<)\\s*-?[0-9.]+");
    private static final Pattern SET_OPERATOR = Pattern.compile("\\b(unless|and|or)\\b(\\s+on\\s*\\([^)]*\\))?");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DistrictServices services;
    private ServiceProcess gateway;
    private StatusPage status;
    private PrometheusServer prometheus;

    @BeforeAll
    void startAndUse(@TempDir Path dir) throws IOException {
        services = DistrictServices.inHost(DISTRICT, dir);
        gateway = startGateway(dir);
        List<StatusPage.Target> targets = new ArrayList<>();
        services.urls.forEach((s, url) -> targets.add(new StatusPage.Target(s.in(DISTRICT).name(), url)));
        targets.add(new StatusPage.Target("gateway", "http://localhost:" + gateway.port()));
        status = StatusPage.serve(targets, 0);
        Optional<Path> binary = OnPath.find("prometheus");
        if (binary.isPresent()) {
            List<PrometheusServer.Target> scraped = new ArrayList<>();
            services.urls.forEach((s, url) -> scraped.add(
                    new PrometheusServer.Target(url.replace("http://", ""), DISTRICT, s.id())));
            scraped.add(new PrometheusServer.Target("localhost:" + gateway.port(), "city", "gateway"));
            prometheus = PrometheusServer.start(binary.get(), dir.resolve("prometheus"), scraped, ALERTS);
        }
        traffic();
    }

    /** The gateway in its own JVM, routing to the district's services and to a district whose services are down. */
    private ServiceProcess startGateway(Path dir) throws IOException {
        Map<String, String> configuration = new LinkedHashMap<>();
        int port = FreePorts.find();
        configuration.put("server.port", String.valueOf(port));
        services.urls.forEach((s, url) -> {
            configuration.put("zz.gateway.districts." + DISTRICT + "." + s.id(), url);
            configuration.put("zz.gateway.districts." + DOWN_DISTRICT + "." + s.id(),
                    "http://localhost:" + FreePorts.find());
        });
        configuration.put("spring.security.oauth2.resourceserver.jwt.public-key-location",
                "file:" + dir.resolve("jwt-public.pem"));
        Path logs = Files.createDirectories(dir.resolve("logs"));
        ServiceProcess started = ServiceProcess.start("gateway",
                ProcessJar.besideJar(Deployments.ROOT.resolve(PlatformService.GATEWAY.jar())),
                Deployments.ROOT, port, ServiceConfiguration.environment(configuration), List.of("-XX:TieredStopAtLevel=1"),
                logs.resolve("gateway.log"));
        started.awaitReady(Instant.now().plus(DistrictServices.START));
        return started;
    }

    /**
     * A command through the gateway (its event published and consumed), a poison record, a request without a token, one
     * to a district whose services are down.
     */
    private void traffic() {
        Api gatewayApi = new Api("http://localhost:" + gateway.port());
        String admin = TestTokens.token(Role.DISTRICT_ADMIN, DISTRICT, null, null);
        Api.Response created = gatewayApi.post("/api/v1/" + DISTRICT + "/membership/organisations", admin,
                Map.of("code", "OBS", "name", "观测测试党委", "type", "DISTRICT_COMMITTEE"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        EventEnvelope poison = EventEnvelope.create(MembershipEvents.ORGANISATION_CREATED, DISTRICT,
                UUID.randomUUID().toString(), EventFeed.nextVersion(), Instant.now(), null);
        EventFeed.sendRaw(Topics.events(DISTRICT, PlatformService.MEMBERSHIP.id()), poison.subject(),
                "{not json".getBytes(StandardCharsets.UTF_8), poison);
        assertThat(services.apis.get(PlatformService.WISHES).get("/api/v1/claims/mine", null).status()).isEqualTo(401);
        String downAdmin = TestTokens.token(Role.DISTRICT_ADMIN, DOWN_DISTRICT, null, null);
        Api.Response down = gatewayApi.get("/api/v1/" + DOWN_DISTRICT + "/membership/statistics", downAdmin);
        assertThat(down.status()).as(down.toString()).isEqualTo(503);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable running : new AutoCloseable[] {prometheus, status, gateway, services}) {
            if (running != null) {
                running.close();
            }
        }
    }

    @Test
    void everyDashboardPanelAndEveryAlertExpressionReturnsSeries() throws IOException {
        assumeTrue(prometheus != null, PrometheusServer.MISSING);
        Map<String, String> queries = new LinkedHashMap<>();
        dashboardQueries().forEach(queries::put);
        alertQueries().forEach(queries::put);
        assertThat(queries).as("dashboards' panels and alerts").hasSizeGreaterThan(30);
        Map<String, String> empty = new LinkedHashMap<>(queries);
        try {
            // Consumer lag is read from the broker every 15 s; rates need two scrapes.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                assertThat(prometheus.query("up == 0")).as("targets down: %s", prometheus.targets()).isEmpty();
                empty.entrySet().removeIf(q -> !prometheus.query(q.getValue()).isEmpty());
                assertThat(empty).as("queries without any series").isEmpty();
            });
        } finally {
            // What there was instead, for whoever reads a failure.
            Files.writeString(Path.of("target", "observed-platform-series.txt"), prometheus.targets() + "\n"
                    + String.join("\n", prometheus.query("count by (__name__, service) ({__name__=~\".+\"})")
                    .stream().map(JsonNode::toString).sorted().toList()));
        }
        assertThat(prometheus.rules().toString()).as("the rules of alerts.yml, loaded and evaluated")
                .contains("\"name\":\"DistrictSilent\"").doesNotContain("\"health\":\"err");
    }

    @Test
    void theStatusPageShowsEveryServicesHealthConsumerLagAndOutboxAge() {
        Api page = new Api(status.url().substring(0, status.url().length() - 1));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<StatusPage.Status> now = status.read();
            assertThat(now).hasSize(PlatformService.districtServices().size() + 1)
                    .allSatisfy(s -> assertThat(s.health()).as(s.target().name()).isEqualTo("UP"));
            assertThat(now).filteredOn(s -> !s.target().name().equals("gateway")).allSatisfy(s -> {
                assertThat(s.outboxAge()).as(s.target().name()).isPresent();
                assertThat(s.backlog()).as(s.target().name()).isPresent();
            });
            // Those that read the district's membership events (membership reads only other districts', none here).
            assertThat(now).filteredOn(s -> !s.target().name().startsWith("membership") && !s.target().name()
                    .equals("gateway")).allSatisfy(s -> assertThat(s.lag()).as(s.target().name()).isPresent());
        });
        Api.Response shown = page.get("/", null);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.raw()).contains("http-equiv=\"refresh\"", "consumer lag", "oldest event");
        for (PlatformService s : PlatformService.districtServices()) {
            assertThat(shown.raw()).containsPattern(Pattern.quote(s.in(DISTRICT).name())
                    + "</a></td><td>UP</td><td>(\\d+|-)</td><td>\\d+</td><td>\\d+</td>");
        }
        assertThat(shown.raw()).containsPattern("wishes-" + DISTRICT + "</a></td><td>UP</td><td>\\d+</td>");
        assertThat(shown.raw()).containsPattern("gateway</a></td><td>UP</td><td>-</td><td>-</td><td>-</td>");
    }

    /** Every panel's query of every dashboard, its variables set, named {@code <dashboard> / <panel>}. */
    static Map<String, String> dashboardQueries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = JSON.readTree(file.toFile());
                for (JsonNode panel : dashboard.path("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        queries.put(dashboard.path("title").asString() + " / " + panel.path("title").asString()
                                + " / " + target.path("refId").asString(), substituted(target.path("expr").asString()));
                    }
                }
            }
        }
        return queries;
    }

    private static String substituted(String expr) {
        String result = expr;
        for (Map.Entry<String, String> v : VARIABLES.entrySet()) {
            result = result.replace("${" + v.getKey() + "}", v.getValue()).replace("$" + v.getKey(), v.getValue());
        }
        assertThat(result).as(expr).doesNotContain("$");
        return result;
    }

    /** Every alert's expression without its thresholds, each side of a set operator apart: {@code <alert> / <n>}. */
    @SuppressWarnings("unchecked")
    static Map<String, String> alertQueries() {
        Map<String, String> queries = new LinkedHashMap<>();
        Map<String, Object> file = (Map<String, Object>) Deployments.yamlDocuments(ALERTS).get(0);
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                String[] sides = SET_OPERATOR.split(COMPARISON.matcher((String) rule.get("expr")).replaceAll(""));
                for (int i = 0; i < sides.length; i++) {
                    queries.put(rule.get("alert") + " / " + (i + 1), sides[i].strip());
                }
            }
        }
        return queries;
    }
}
