package cn.zhangzhou.partybuilding.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class PrometheusNamingTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    PrometheusNamingTest() {
        registry.config().meterFilter(new PrometheusNaming());
    }

    @Test
    void aGaugeNamedCountIsNamedForWhatItCounts() {
        Gauge.builder("system.cpu.count", () -> 2).register(registry);
        Gauge.builder("spring.cloud.gateway.routes.count", () -> 7).register(registry);

        assertThat(registry.find("system.cpus").gauge()).isNotNull();
        assertThat(registry.find("spring.cloud.gateway.routes").gauge()).isNotNull();
        assertThat(registry.find("system.cpu.count").gauge()).isNull();
    }

    @Test
    void aHistogramsCountIsLeftAlone() {
        Timer.builder("zz.outbox.relay.latency").tag("count", "x").register(registry);

        assertThat(registry.find("zz.outbox.relay.latency").timer()).isNotNull();
    }

    @Test
    void camelCaseLabelNamesBecomeSnakeCase() {
        Timer.builder("spring.cloud.gateway.requests").tag("routeId", "xiangcheng-membership")
                .tag("httpStatusCode", "200").tag("status", "OK").register(registry);

        Timer timer = registry.find("spring.cloud.gateway.requests").timer();
        assertThat(timer).isNotNull();
        assertThat(timer.getId().getTag("route_id")).isEqualTo("xiangcheng-membership");
        assertThat(timer.getId().getTag("http_status_code")).isEqualTo("200");
        assertThat(timer.getId().getTag("status")).isEqualTo("OK");
        assertThat(timer.getId().getTag("routeId")).isNull();
    }

    @Test
    void snakeCaseKeepsKeysWithoutCapitalsAndUnderscoresOnce() {
        assertThat(PrometheusNaming.snakeCase("group")).isEqualTo("group");
        assertThat(PrometheusNaming.snakeCase("client_id")).isEqualTo("client_id");
        assertThat(PrometheusNaming.snakeCase("routeUri")).isEqualTo("route_uri");
        assertThat(PrometheusNaming.snakeCase("kafka.version")).isEqualTo("kafka.version");
    }

    @Test
    void aMeterWithAnAbbreviatedUnitIsLeftOut() {
        Counter.builder("jvm.compilation.time").baseUnit("ms").register(registry);
        Counter.builder("kafka.consumer.io.wait.time.ns.total").register(registry);

        assertThat(registry.find("jvm.compilation.time").counter()).isNull();
        assertThat(registry.find("kafka.consumer.io.wait.time.ns.total").counter()).isNull();
    }

    @Test
    void everyMeterHasADescription() {
        Counter.builder("zz.events.consumed").description("Events consumed").register(registry);
        Timer.builder("http.server.requests").register(registry);
        Counter.builder("tomcat.sessions.created").description(" ").register(registry);

        assertThat(registry.find("zz.events.consumed").counter().getId().getDescription()).isEqualTo("Events consumed");
        assertThat(registry.find("http.server.requests").timer().getId().getDescription())
                .startsWith("HTTP requests answered");
        assertThat(registry.find("tomcat.sessions.created").counter().getId().getDescription())
                .isEqualTo("tomcat.sessions.created (its binder gives no description)");
    }
}
