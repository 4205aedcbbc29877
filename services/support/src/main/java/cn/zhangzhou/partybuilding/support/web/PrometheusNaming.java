package cn.zhangzhou.partybuilding.support.web;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Makes a service's {@code /actuator/prometheus} follow Prometheus' naming conventions, so it passes
 * {@code promtool check metrics} (docs/operations.md). Three kinds of meter of our binders (Kafka's clients, the JVM,
 * Tomcat) break them:
 * <ul>
 *   <li>a unit abbreviated in the name ({@code kafka_consumer_io_wait_time_ns_total}, {@code jvm_compilation_time_ms});
 *       a filter cannot rescale a meter to seconds, so these are left out (none is watched: the relay's and the HTTP
 *       timers are in seconds, {@code process_cpu_usage} stays);</li>
 *   <li>a gauge named {@code ..._count}, which Prometheus reserves for histograms and summaries:
 *       {@code system.cpu.count} becomes {@code system.cpus}, {@code kafka.consumer.connection.count}
 *       {@code kafka.consumer.connections};</li>
 *   <li>no description (HELP), or a blank one: the ones the team reads get one, the others say that their binder
 *       gives none.</li>
 * </ul>
 */
final class PrometheusNaming implements MeterFilter {

    private static final Set<String> ABBREVIATED_UNITS = Set.of("ms", "ns");

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "http.server.requests", "HTTP requests answered, by method, uri, status and outcome",
            "http.server.requests.active", "HTTP requests in progress");

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        boolean abbreviated = (id.getBaseUnit() != null && ABBREVIATED_UNITS.contains(id.getBaseUnit()))
                || Arrays.stream(id.getName().split("\\.")).anyMatch(ABBREVIATED_UNITS::contains);
        return abbreviated ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        String name = id.getName();
        if (id.getType() == Meter.Type.GAUGE && name.endsWith(".count")) {
            name = name.substring(0, name.length() - ".count".length()) + "s";
        }
        String description = id.getDescription() != null && !id.getDescription().isBlank() ? id.getDescription()
                : DESCRIPTIONS.getOrDefault(id.getName(), id.getName() + " (its binder gives no description)");
        return new Meter.Id(name, Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description, id.getType());
    }
}
