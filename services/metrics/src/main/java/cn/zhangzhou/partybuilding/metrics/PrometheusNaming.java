package cn.zhangzhou.partybuilding.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Makes a process's {@code /actuator/prometheus} follow Prometheus' naming conventions, so it passes
 * {@code promtool check metrics} (docs/operations.md). Four kinds of meter of our binders (Kafka's clients, the JVM,
 * Tomcat, Spring Cloud Gateway) break them:
 * <ul>
 *   <li>a unit abbreviated in the name ({@code kafka_consumer_io_wait_time_ns_total}, {@code jvm_compilation_time_ms});
 *       a filter cannot rescale a meter to seconds, so these are left out (none is watched: the relay's and the HTTP
 *       timers are in seconds, {@code process_cpu_usage} stays);</li>
 *   <li>a gauge named {@code ..._count}, which Prometheus reserves for histograms and summaries:
 *       {@code system.cpu.count} becomes {@code system.cpus}, {@code kafka.consumer.connection.count}
 *       {@code kafka.consumer.connections}, {@code spring.cloud.gateway.routes.count}
 *       {@code spring.cloud.gateway.routes};</li>
 *   <li>camelCase label names (the gateway's {@code routeId}, {@code httpStatusCode}): snake_case
 *       ({@code route_id}, {@code http_status_code});</li>
 *   <li>no description (HELP), or a blank one: the ones the team reads get one, the others say that their binder
 *       gives none.</li>
 * </ul>
 */
public final class PrometheusNaming implements MeterFilter {

    private static final Set<String> ABBREVIATED_UNITS = Set.of("ms", "ns");

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "http.server.requests", "HTTP requests answered, by method, uri, status and outcome",
            "http.server.requests.active", "HTTP requests in progress",
            "http.client.requests", "HTTP requests this process sent, by method, uri, status and outcome",
            "http.client.requests.active", "HTTP requests this process sent that are in progress",
            "spring.cloud.gateway.requests", "Requests the gateway routed, by route_id, status and outcome",
            "spring.cloud.gateway.routes.count", "Routes the gateway has");

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        boolean abbreviated = (id.getBaseUnit() != null && ABBREVIATED_UNITS.contains(id.getBaseUnit()))
                || Arrays.stream(id.getName().split("\\.")).anyMatch(ABBREVIATED_UNITS::contains);
        return abbreviated ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        String description = id.getDescription() != null && !id.getDescription().isBlank() ? id.getDescription()
                : DESCRIPTIONS.getOrDefault(id.getName(), id.getName() + " (its binder gives no description)");
        return new Meter.Id(name(id), snakeCaseKeys(id.getTagsAsIterable()), id.getBaseUnit(), description,
                id.getType());
    }

    private static String name(Meter.Id id) {
        String name = id.getName();
        if (id.getType() == Meter.Type.GAUGE && name.endsWith(".count")) {
            String counted = name.substring(0, name.length() - ".count".length());
            return counted.endsWith("s") ? counted : counted + "s";
        }
        return name;
    }

    private static Tags snakeCaseKeys(Iterable<Tag> tags) {
        List<Tag> renamed = new ArrayList<>();
        for (Tag tag : tags) {
            renamed.add(Tag.of(snakeCase(tag.getKey()), tag.getValue()));
        }
        return Tags.of(renamed);
    }

    /** {@code routeId} → {@code route_id}; a key without capitals stays as it is. */
    static String snakeCase(String key) {
        StringBuilder snake = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && key.charAt(i - 1) != '_' && key.charAt(i - 1) != '.') {
                    snake.append('_');
                }
                snake.append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString();
    }
}
