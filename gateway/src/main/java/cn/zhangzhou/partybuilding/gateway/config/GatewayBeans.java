package cn.zhangzhou.partybuilding.gateway.config;

import cn.zhangzhou.partybuilding.gateway.limit.ClientRateLimiter;
import cn.zhangzhou.partybuilding.gateway.limit.InMemoryRateLimiter;
import cn.zhangzhou.partybuilding.gateway.limit.RateLimitFilter;
import cn.zhangzhou.partybuilding.gateway.limit.RedisBucket;
import cn.zhangzhou.partybuilding.gateway.limit.RedisClientRateLimiter;
import cn.zhangzhou.partybuilding.gateway.route.DistrictRoutes;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.lettuce.core.ClientOptions;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springdoc.core.properties.AbstractSwaggerUiConfigProperties.SwaggerUrl;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import java.util.List;

/** The rate-limit store, the breakers' settings and the Swagger UI's list of service API docs. */
@Configuration(proxyBeanMethods = false)
public class GatewayBeans {

    @Bean
    @ConditionalOnProperty(name = "zz.gateway.rate-limit.store", havingValue = "memory", matchIfMissing = true)
    ClientRateLimiter inMemoryRateLimiter(GatewayProperties properties) {
        return new InMemoryRateLimiter(properties.rateLimit());
    }

    /**
     * Redis: Spring Cloud Gateway's own {@code redisRateLimiter} bean, given one bucket per route (see
     * {@link RedisBucket} for how capacity per period becomes whole tokens per second).
     */
    @Bean
    @ConditionalOnProperty(name = "zz.gateway.rate-limit.store", havingValue = "redis")
    ClientRateLimiter redisClientRateLimiter(GatewayProperties properties, RedisRateLimiter redisRateLimiter) {
        GatewayProperties.RateLimit config = properties.rateLimit();
        redisRateLimiter.setIncludeHeaders(true);
        properties.districts().forEach((district, services) -> services.keySet().forEach(service -> {
            String id = DistrictRoutes.routeId(district, service);
            for (String route : List.of(id, id + "-docs")) {
                redisRateLimiter.getConfig().put(route, RedisBucket.of(config.forRoute(route)).config());
            }
        }));
        return new RedisClientRateLimiter(redisRateLimiter);
    }

    /**
     * Lettuce queues commands while disconnected and waits {@code spring.data.redis.timeout} for each: with Redis
     * down every request would wait that long before the limiter fails open. Refused at once instead.
     */
    @Bean
    @ConditionalOnProperty(name = "zz.gateway.rate-limit.store", havingValue = "redis")
    LettuceClientConfigurationBuilderCustomizer redisFailFast() {
        return builder -> builder.clientOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
    }

    @Bean
    RateLimitFilter rateLimitFilter(ClientRateLimiter limiter) {
        return new RateLimitFilter(limiter);
    }

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
