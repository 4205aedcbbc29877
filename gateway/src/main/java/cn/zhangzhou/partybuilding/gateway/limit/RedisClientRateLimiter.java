package cn.zhangzhou.partybuilding.gateway.limit;

import java.time.Duration;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import reactor.core.publisher.Mono;

/**
 * The shared store: Spring Cloud Gateway's {@link RedisRateLimiter} (a token bucket in a Redis Lua script), so all
 * gateway instances count together. When Redis cannot be reached the limiter lets the request through (fail open:
 * the services stay reachable, only the limit is off until Redis answers again).
 */
public class RedisClientRateLimiter implements ClientRateLimiter {

    private final RedisRateLimiter redis;

    /** @param redis configured with one {@link RedisBucket} per route id */
    public RedisClientRateLimiter(RedisRateLimiter redis) {
        this.redis = redis;
    }

    RedisRateLimiter redis() {
        return redis;
    }

    @Override
    public Mono<Decision> tryConsume(String routeId, String client) {
        RedisRateLimiter.Config config = redis.getConfig().get(routeId);
        RedisBucket bucket = config == null ? null : RedisBucket.of(config);
        return redis.isAllowed(routeId, client).map(response -> {
            String remaining = response.getHeaders().get(redis.getRemainingHeader());
            long tokens = remaining == null ? -1 : Long.parseLong(remaining);
            // Redis counts tokens; the client counts requests.
            long requests = tokens < 0 || bucket == null ? tokens : tokens / bucket.requestedTokens();
            Duration retryAfter = response.isAllowed() ? Duration.ZERO
                    : bucket == null ? Duration.ofSeconds(1) : bucket.refillOfOneRequest();
            return new Decision(response.isAllowed(), requests, retryAfter);
        });
    }
}
