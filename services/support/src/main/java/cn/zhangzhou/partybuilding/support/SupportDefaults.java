package cn.zhangzhou.partybuilding.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every service shares, added as the lowest-precedence property source so a service's
 * {@code application.yaml}, environment variables or test properties override any of them.
 */
public class SupportDefaults implements EnvironmentPostProcessor, Ordered {

    public static final String SOURCE_NAME = "zzSupportDefaults";

    static Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.mvc.problemdetails.enabled", "true");
        // A misspelt field must be an error, not silently dropped (Boot's default is to ignore it).
        defaults.put("spring.jackson.deserialization.fail-on-unknown-properties", "true");
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus,metrics");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.endpoint.health.show-details", "never");
        // One request in ten traced, whole (head sampling at the gateway, children follow their parent); the local
        // platform and the trace test raise it to 1.0 (MANAGEMENT_TRACING_SAMPLING_PROBABILITY; decision 0024).
        defaults.put("management.tracing.sampling.probability", "0.1");
        // OTLP metrics push would otherwise try localhost:4318 every minute; Prometheus scrapes instead.
        defaults.put("management.otlp.metrics.export.enabled", "false");
        // Exemplars (trace ids) on counters and histogram buckets only, not on a timer's _count (Micrometer's
        // default): Prometheus before 2.43, Debian 12's 2.42 among them, drops the whole scrape for one of those.
        defaults.put("management.prometheus.metrics.export.properties[io.prometheus.exporter.exemplarsOnAllMetricTypes]",
                "false");
        // Spring Security wraps each of its filters in an observation of its own: on 2 cores that was a
        // visible share of every request's CPU (docs/performance.md) and adds no span an operator reads;
        // the HTTP server observation still times and traces the whole request.
        defaults.put("management.observations.enable.spring.security", "false");
        // Spans go nowhere unless a deployment names a trace store (decision 0024): Zipkin's exporter would otherwise
        // post to localhost:9411 after every sampled request. OTLP has no default endpoint, so it is off already.
        defaults.put("management.tracing.export.zipkin.enabled", "false");
        // A span per SQL statement; none per connection or result set (datasource-micrometer), and no timer of its
        // own: http_server_requests and the pool's meters already time them.
        defaults.put("jdbc.includes", "QUERY");
        defaults.put("management.metrics.enable.jdbc.query", "false");
        defaults.put("logging.pattern.correlation", "[%X{traceId:-},%X{spanId:-}] ");
        // Form posts bypass RequestSizeLimitFilter (the container parses them); this is their limit instead.
        defaults.put("server.tomcat.max-http-form-post-size", "64KB");
        defaults.put("server.shutdown", "graceful");
        defaults.put("spring.lifecycle.timeout-per-shutdown-phase", "20s");
        return defaults;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains(SOURCE_NAME)) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults()));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
