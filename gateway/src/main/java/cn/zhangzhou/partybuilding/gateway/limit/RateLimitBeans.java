package cn.zhangzhou.partybuilding.gateway.limit;

import cn.zhangzhou.partybuilding.gateway.config.GatewayProperties;
import io.lettuce.core.ClientOptions;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rate-limit store (in memory, or Redis shared by the instances) and the filter that asks it. */
@Configuration(proxyBeanMethods = false)
class RateLimitBeans {

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
            String id = GatewayProperties.routeId(district, service);
            for (String route : List.of(id, id + "-docs", id + GatewayProperties.OPEN_ROUTE_SUFFIX)) {
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
}
