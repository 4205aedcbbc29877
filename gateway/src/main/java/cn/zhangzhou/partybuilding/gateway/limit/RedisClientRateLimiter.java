package cn.zhangzhou.partybuilding.gateway.limit;

import java.time.Duration;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import reactor.core.publisher.Mono;

/**
 * The shared store: Spring Cloud Gateway's {@link RedisRateLimiter} (a token bucket in a Redis Lua script), so all
 * gateway instances count together. Its buckets refill per second, so a refused client is told to retry in 1 s.
 */
public class RedisClientRateLimiter implements ClientRateLimiter {

    private final RedisRateLimiter redis;

    public RedisClientRateLimiter(RedisRateLimiter redis) {
        this.redis = redis;
    }

    RedisRateLimiter redis() {
        return redis;
    }

    @Override
    public Mono<Decision> tryConsume(String routeId, String client) {
        return redis.isAllowed(routeId, client).map(response -> {
            String remaining = response.getHeaders().get(redis.getRemainingHeader());
            return new Decision(response.isAllowed(), remaining == null ? -1 : Long.parseLong(remaining),
                    response.isAllowed() ? Duration.ZERO : Duration.ofSeconds(1));
        });
    }
}
