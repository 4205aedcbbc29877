package cn.zhangzhou.partybuilding.gateway.limit;

import cn.zhangzhou.partybuilding.gateway.config.GatewayProperties.Limit;
import java.math.BigInteger;
import java.time.Duration;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;

/**
 * A bucket of {@code capacity} requests refilled evenly over {@code period}, in the terms of Spring Cloud Gateway's
 * Redis limiter, whose refill is a whole number of tokens per second: each request costs {@code requestedTokens},
 * so that rates below one request a second (3 per 15 s) and fractional ones (150 per minute) stay exact.
 * With k = requested tokens: replenish/k = capacity/period and burst/k = capacity. k is the smallest whole number
 * that makes the replenish rate whole: k = period_ms / gcd(capacity × 1000, period_ms).
 *
 * @param requestedTokens what one request costs
 * @param replenishRate   tokens added per second
 * @param burstCapacity   tokens the bucket holds
 */
public record RedisBucket(int requestedTokens, int replenishRate, int burstCapacity) {

    public static RedisBucket of(Limit limit) {
        BigInteger perMilli = BigInteger.valueOf(limit.capacity()).multiply(BigInteger.valueOf(1000));
        BigInteger periodMillis = BigInteger.valueOf(limit.period().toMillis());
        if (periodMillis.signum() <= 0) {
            throw new IllegalArgumentException("a Redis rate limit needs a period of at least 1 ms: " + limit);
        }
        BigInteger gcd = perMilli.gcd(periodMillis);
        BigInteger requested = periodMillis.divide(gcd);
        BigInteger replenish = perMilli.divide(gcd);
        BigInteger burst = requested.multiply(BigInteger.valueOf(limit.capacity()));
        BigInteger max = BigInteger.valueOf(Integer.MAX_VALUE);
        if (burst.compareTo(max) > 0 || replenish.compareTo(max) > 0) {
            throw new IllegalArgumentException("the rate limit " + limit.capacity() + " per " + limit.period()
                    + " cannot be expressed in whole tokens per second for Redis; choose a round capacity or period");
        }
        return new RedisBucket(requested.intValue(), replenish.intValue(), burst.intValue());
    }

    /** The bucket a route's Redis configuration holds. */
    public static RedisBucket of(RedisRateLimiter.Config config) {
        return new RedisBucket(config.getRequestedTokens(), config.getReplenishRate(),
                Math.toIntExact(config.getBurstCapacity()));
    }

    /** How long until a refused client has a request's worth of tokens again (what one request costs to refill). */
    public Duration refillOfOneRequest() {
        return Duration.ofMillis(Math.max(1, Math.round(1000.0 * requestedTokens / replenishRate)));
    }

    public RedisRateLimiter.Config config() {
        return new RedisRateLimiter.Config().setReplenishRate(replenishRate).setBurstCapacity(burstCapacity)
                .setRequestedTokens(requestedTokens);
    }
}
