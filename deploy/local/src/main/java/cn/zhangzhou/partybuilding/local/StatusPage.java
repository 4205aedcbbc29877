package cn.zhangzhou.partybuilding.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * Status at a glance (issue 16): every service's health, consumer lag and outbox age, the signals the team watches
 * (docs/operations.md), read from each service's actuator when asked: printed by the launcher once the platform is
 * ready and served as one page that reloads itself every few seconds.
 */
final class StatusPage implements AutoCloseable {

    static final int PORT = 8079;
    static final int REFRESH_SECONDS = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A service to watch: its instance name and base URL. */
    record Target(String name, String url) {
    }

    /**
     * What a service said: its health ({@code UP}, {@code DOWN}, ..., {@code NO ANSWER}), the records its consumer
     * groups have yet to read (summed over partitions), its outbox backlog and the age of its oldest unpublished event;
     * empty where the service has no consumer or no outbox.
     */
    record Status(Target target, String health, OptionalDouble lag, OptionalDouble backlog,
                  OptionalDouble outboxAge) {
    }

    private final List<Target> targets;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final HttpServer server;

    private StatusPage(List<Target> targets, int port) {
        this.targets = List.copyOf(targets);
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the status page on " + port, e);
        }
        server.createContext("/", exchange -> {
            byte[] page = html(read()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(page);
            }
        });
        server.setExecutor(Executors.newSingleThreadExecutor(r -> new Thread(r, "status-page")));
        server.start();
    }

    /** Serves the page for these services on {@code port} (0: any free port) until closed. */
    static StatusPage serve(List<Target> targets, int port) {
        return new StatusPage(targets, port);
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/";
    }

    /** Every service's status now, in the order of the targets. */
    List<Status> read() {
        return targets.stream().map(this::read).toList();
    }

    private Status read(Target target) {
        String health = get(target.url() + "/actuator/health")
                .map(body -> JSON.readTree(body).path("status").asString("?")).orElse("NO ANSWER");
        String meters = get(target.url() + "/actuator/prometheus").orElse("");
        return new Status(target, health, sum(meters, "zz_consumer_lag{"), sum(meters, "zz_outbox_backlog "),
                sum(meters, "zz_outbox_oldest_age_seconds "));
    }

    /** The body of a GET, whatever its status (a DOWN health is a 503 with a body); empty if there is no answer. */
    private Optional<String> get(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build();
            return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The sum of the samples of a Prometheus text whose lines start with {@code series}; empty if there are none. */
    static OptionalDouble sum(String meters, String series) {
        return meters.lines().filter(line -> line.startsWith(series))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .reduce(Double::sum);
    }

    /** The statuses as the launcher prints them: one line per service. */
    static String text(List<Status> statuses) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-26s %-10s %12s %14s %16s%n", "service",
                "health", "consumer lag", "outbox backlog", "oldest event (s)"));
        for (Status s : statuses) {
            out.append(String.format(Locale.ROOT, "%-26s %-10s %12s %14s %16s%n", s.target().name(), s.health(),
                    figure(s.lag()), figure(s.backlog()), figure(s.outboxAge())));
        }
        return out.toString();
    }

    static String html(List<Status> statuses) {
        StringBuilder rows = new StringBuilder();
        for (Status s : statuses) {
            String link = s.target().url() + "/actuator/health";
            rows.append(String.format(Locale.ROOT, "<tr class=\"%s\"><td><a href=\"%s\">%s</a></td><td>%s</td><td>%s</td>"
                            + "<td>%s</td><td>%s</td></tr>%n", "UP".equals(s.health()) ? "up" : "down", link,
                    s.target().name(), s.health(), figure(s.lag()), figure(s.backlog()), figure(s.outboxAge())));
        }
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="%d">
                <title>小社区 大党建: local platform status</title>
                <style>body{font-family:sans-serif}td,th{padding:2px 10px;text-align:right}td:first-child{text-align:left}
                tr.down{background:#fdd}</style></head><body>
                <h1>小社区 大党建: local platform status</h1>
                <p>Every service's health, the records its consumers have yet to read, its outbox backlog and how long
                its oldest unpublished event has waited (docs/operations.md); reloads every %d s.</p>
                <table><tr><th>service</th><th>health</th><th>consumer lag</th><th>outbox backlog</th>
                <th>oldest event (s)</th></tr>
                %s</table></body></html>
                """.formatted(REFRESH_SECONDS, REFRESH_SECONDS, rows);
    }

    private static String figure(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.0f", value.getAsDouble()) : "-";
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
