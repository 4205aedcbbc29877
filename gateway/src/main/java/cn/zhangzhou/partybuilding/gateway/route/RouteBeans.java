package cn.zhangzhou.partybuilding.gateway.route;

import cn.zhangzhou.partybuilding.gateway.config.GatewayProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springdoc.core.properties.AbstractSwaggerUiConfigProperties.SwaggerUrl;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The breakers' settings of every route and the Swagger UI's list of the services' API documents. */
@Configuration(proxyBeanMethods = false)
class RouteBeans {

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> breakerDefaults(GatewayProperties properties) {
        GatewayProperties.Breaker breaker = properties.breaker();
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(breaker.slidingWindow())
                        .minimumNumberOfCalls(breaker.minimumCalls())
                        .failureRateThreshold(breaker.failureRatePercent())
                        .waitDurationInOpenState(breaker.openFor())
                        .permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
                        .automaticTransitionFromOpenToHalfOpenEnabled(false)
                        .build())
                .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(breaker.timeLimit()).build())
                .build());
    }

    /** One Swagger UI entry per district × service, each read through the gateway's {@code /openapi/...} route. */
    @Bean
    InitializingBean swaggerUrls(ObjectProvider<SwaggerUiConfigProperties> swaggerUiConfig, GatewayProperties properties) {
        return () -> swaggerUiConfig.ifAvailable(swaggerUi -> {
            Set<SwaggerUrl> urls = new LinkedHashSet<>();
            properties.districts().forEach((district, services) -> services.keySet().forEach(service ->
                    urls.add(new SwaggerUrl(district + "-" + service, "/openapi/" + district + "/" + service,
                            service + " (" + district + ")"))));
            swaggerUi.setUrls(urls);
        });
    }
}
