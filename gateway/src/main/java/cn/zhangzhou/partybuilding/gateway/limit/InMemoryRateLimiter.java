package cn.zhangzhou.partybuilding.gateway.limit;

import cn.zhangzhou.partybuilding.gateway.config.GatewayProperties;
import cn.zhangzhou.partybuilding.gateway.config.GatewayProperties.Limit;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;

/**
 * Bucket4j buckets in this JVM: exact per gateway instance, so with N instances a client gets up to N times the
 * limit (use the Redis store when that matters). Lock-free and allocation-light on the hot path.
 */
public class InMemoryRateLimiter implements ClientRateLimiter {

    /** Above this many buckets, full ones are dropped (a full bucket is the same as a new one, so nothing is lost). */
    private static final int TIDY_ABOVE = 100_000;

    private final GatewayProperties.RateLimit config;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Limit> limits = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    public InMemoryRateLimiter(GatewayProperties.RateLimit config) {
        this.config = config;
    }

    @Override
    public Mono<Decision> tryConsume(String routeId, String client) {
        Limit limit = config.forRoute(routeId);
        Bucket bucket = buckets.computeIfAbsent(routeId + '|' + client, key -> {
            limits.put(key, limit);
            return Bucket.builder()
                    .addLimit(l -> l.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                    .build();
        });
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if ((calls.incrementAndGet() & 1023) == 0 && buckets.size() > TIDY_ABOVE) {
            tidy();
        }
        return Mono.just(new Decision(probe.isConsumed(), probe.getRemainingTokens(),
                probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill())));
    }

    private void tidy() {
        buckets.entrySet().removeIf(entry -> {
            Limit limit = limits.get(entry.getKey());
            boolean full = limit != null && entry.getValue().getAvailableTokens() >= limit.capacity();
            if (full) {
                limits.remove(entry.getKey());
            }
            return full;
        });
    }
}
