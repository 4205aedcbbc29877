package cn.zhangzhou.partybuilding.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The service's own view of one POST endpoint (e.g. /api/v1/members) from its Prometheus endpoint
 * ({@code http_server_requests_seconds} sum and count): the mean time inside the service, so the
 * client-side latency can be split into service time and everything around it.
 */
final class ServerTiming {

    /** Cumulative count and sum (seconds) at one moment. */
    record Snapshot(double count, double sumSeconds) {
        /** Mean server time in ms between {@code earlier} and this snapshot. */
        double meanMillisSince(Snapshot earlier) {
            double n = count - earlier.count;
            return n <= 0 ? Double.NaN : (sumSeconds - earlier.sumSeconds) / n * 1000;
        }
    }

    private final HttpClient http;
    private final HttpRequest scrape;
    private final String uriLabel;

    ServerTiming(HttpClient http, int port) {
        this(http, port, "/api/v1/members");
    }

    /** @param uriTemplate the endpoint's URI template as Spring tags it, e.g. {@code /api/v1/wishes/{id}/claim} */
    ServerTiming(HttpClient http, int port, String uriTemplate) {
        this.http = http;
        this.uriLabel = "uri=\"" + uriTemplate + "\"";
        this.scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).GET().build();
    }

    Snapshot snapshot() throws InterruptedException {
        double count = 0;
        double sum = 0;
        try {
            String body = http.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
            for (String line : body.split("\n")) {
                if (!line.startsWith("http_server_requests_seconds_") || !line.contains(uriLabel)
                        || !line.contains("method=\"POST\"")) {
                    continue;
                }
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.startsWith("http_server_requests_seconds_count{")) {
                    count += value;
                } else if (line.startsWith("http_server_requests_seconds_sum{")) {
                    sum += value;
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Snapshot(Double.NaN, Double.NaN);
        }
        return new Snapshot(count, sum);
    }
}
