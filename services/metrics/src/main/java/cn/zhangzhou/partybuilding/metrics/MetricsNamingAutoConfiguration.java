package cn.zhangzhou.partybuilding.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** {@link PrometheusNaming} for every process that has this module: Boot applies a MeterFilter bean to every registry. */
@AutoConfiguration
public class MetricsNamingAutoConfiguration {

    @Bean
    static MeterFilter prometheusNaming() {
        return new PrometheusNaming();
    }
}
