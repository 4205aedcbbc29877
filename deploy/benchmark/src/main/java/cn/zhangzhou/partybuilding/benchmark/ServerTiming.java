package cn.zhangzhou.partybuilding.benchmark;

import org.springframework.web.client.RestClient;

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

    private final RestClient prometheus;
    private final String uriLabel;

    /** @param uriTemplate the endpoint's URI template as Spring tags it, e.g. {@code /api/v1/wishes/{id}/claim} */
    ServerTiming(int port, String uriTemplate) {
        this.prometheus = RestClient.create("http://127.0.0.1:" + port + "/actuator/prometheus");
        this.uriLabel = "uri=\"" + uriTemplate + "\"";
    }

    Snapshot snapshot() {
        double count = 0;
        double sum = 0;
        try {
            for (String line : prometheus.get().retrieve().body(String.class).split("\n")) {
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
        } catch (RuntimeException e) {
            return new Snapshot(Double.NaN, Double.NaN);
        }
        return new Snapshot(count, sum);
    }
}
