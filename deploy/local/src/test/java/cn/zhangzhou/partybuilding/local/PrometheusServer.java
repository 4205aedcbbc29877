package cn.zhangzhou.partybuilding.local;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import cn.zhangzhou.partybuilding.embedded.FreePorts;
import cn.zhangzhou.partybuilding.testing.Api;
import tools.jackson.databind.JsonNode;

/**
 * A real Prometheus (Debian's {@code prometheus} package) as a child process: a temporary configuration that scrapes
 * the given targets every second, labelled with {@code district} and {@code service} as the alert rules expect, and
 * loads the rules; its own data directory; queried through its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {

    static final String MISSING = "prometheus is not on the PATH: install it with `apt-get install -y prometheus` "
            + "(Debian; .ci/run does) to run this test";

    /** A service to scrape: where, and the labels the alerts and dashboards group by. */
    record Target(String hostAndPort, String district, String service) {
    }

    private final Process process;
    private final Api api;

    private PrometheusServer(Process process, Api api) {
        this.process = process;
        this.api = api;
    }

    static PrometheusServer start(Path binary, Path dir, List<Target> targets, Path rules) {
        try {
            Path config = Files.createDirectories(dir).resolve("prometheus.yml");
            Files.writeString(config, configuration(targets, rules), StandardCharsets.UTF_8);
            int port = FreePorts.find();
            Path log = dir.resolve("prometheus.log");
            Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            PrometheusServer prometheus = new PrometheusServer(process, new Api("http://127.0.0.1:" + port));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .failFast("prometheus exited; see " + log, () -> !process.isAlive())
                    .until(() -> prometheus.ready());
            return prometheus;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean ready() {
        try {
            return api.get("/-/ready", null).status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Scrape and rule evaluation every 2 s: a test sees series, rates and increases within seconds. The scrape may take
     * as long (Prometheus' default timeout is 10 s, but never more than the interval): a busy machine answers slowly.
     */
    static String configuration(List<Target> targets, Path rules) {
        String scrapes = targets.stream().map(t -> """
                      - targets: ['%s']
                        labels: {district: %s, service: %s}
                """.formatted(t.hostAndPort(), t.district(), t.service())).collect(Collectors.joining());
        return """
                global:
                  scrape_interval: 2s
                  scrape_timeout: 2s
                  evaluation_interval: 2s
                rule_files: ['%s']
                scrape_configs:
                  - job_name: zz
                    metrics_path: /actuator/prometheus
                    static_configs:
                %s""".formatted(rules.toAbsolutePath(), scrapes);
    }

    /** The series an instant query returns now (an empty list for none); fails on a query Prometheus refuses. */
    List<JsonNode> query(String promql) {
        Api.Response answer = api.get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8), null);
        if (answer.status() != 200 || !"success".equals(answer.body().path("status").asString())) {
            throw new IllegalArgumentException("prometheus refused " + promql + ": " + answer.raw());
        }
        return answer.body().path("data").path("result").valueStream().toList();
    }

    /** The rules Prometheus loaded, each with its health ({@code ok}) and last error. */
    JsonNode rules() {
        return api.get("/api/v1/rules", null).body().path("data");
    }

    /** The scrape targets, each with its health and last error. */
    JsonNode targets() {
        return api.get("/api/v1/targets", null).body().path("data");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
