package cn.zhangzhou.partybuilding.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers tokens the delegate decoder has verified, so that a client sending the same token again is not put
 * through the RS256 signature check, the JSON parse and the claim conversion on every request: on the gateway
 * these were the largest single cost of a request (docs/performance.md, the gateway profile).
 *
 * <p>Only the exact same token string hits: a token whose signature or any other byte differs is a miss and goes
 * to the delegate, so forged tokens are never answered from here. A hit is served only while the token is inside
 * its own validity ({@code nbf} ≤ now &lt; {@code exp}, no clock skew) and for at most {@code ttl} after it was
 * verified, which bounds how long a token signed by a key that was withdrawn from the JWKS stays accepted by the
 * gateway (the services behind verify every token themselves). Failures are never remembered. At most
 * {@code maxEntries} tokens are kept; when full, expired entries are dropped and, if that frees nothing, the cache
 * starts again empty (a full cache costs one verification per token, never a wrong answer).
 */
public class VerifiedTokenCache implements MeterBinder {

    private record Verified(Jwt jwt, Instant until) {
    }

    private final ReactiveJwtDecoder delegate;
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public VerifiedTokenCache(ReactiveJwtDecoder delegate, Duration ttl, int maxEntries, Clock clock) {
        if (ttl.isNegative() || maxEntries < 0) {
            throw new IllegalArgumentException("the verified-token cache needs a ttl and a size of zero or more");
        }
        this.delegate = delegate;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** The delegate's answer for this token, from the cache while it holds a verified copy (a ReactiveJwtDecoder). */
    public Mono<Jwt> decode(String token) {
        Instant now = clock.instant();
        Verified known = verified.get(token);
        if (known != null) {
            if (now.isBefore(known.until()) && !notYetValid(known.jwt(), now)) {
                hits.incrementAndGet();
                return Mono.just(known.jwt());
            }
            verified.remove(token, known);
        }
        misses.incrementAndGet();
        return delegate.decode(token).doOnNext(jwt -> remember(token, jwt));
    }

    private void remember(String token, Jwt jwt) {
        if (maxEntries == 0 || ttl.isZero() || jwt.getExpiresAt() == null) {
            // A token without an expiry is never cached: nothing would bound how long it is trusted.
            return;
        }
        Instant now = clock.instant();
        Instant until = earliest(jwt.getExpiresAt(), now.plus(ttl));
        if (!now.isBefore(until)) {
            return;
        }
        if (verified.size() >= maxEntries) {
            verified.values().removeIf(entry -> !now.isBefore(entry.until()));
            if (verified.size() >= maxEntries) {
                verified.clear();
            }
        }
        verified.put(token, new Verified(jwt, until));
    }

    private static boolean notYetValid(Jwt jwt, Instant now) {
        return jwt.getNotBefore() != null && now.isBefore(jwt.getNotBefore());
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("zz.gateway.tokens", this, VerifiedTokenCache::hits).tag("verification", "cached")
                .description("Bearer tokens accepted from the verified-token cache").register(registry);
        FunctionCounter.builder("zz.gateway.tokens", this, VerifiedTokenCache::misses).tag("verification", "full")
                .description("Bearer tokens given to the JWT decoder (new, changed, expired or invalid)")
                .register(registry);
        Gauge.builder("zz.gateway.tokens.cached", this, VerifiedTokenCache::size)
                .description("Verified tokens held by the cache").register(registry);
    }

    /** Requests answered from the cache. */
    public long hits() {
        return hits.get();
    }

    /** Requests that went to the delegate (new, changed, expired or invalid tokens). */
    public long misses() {
        return misses.get();
    }

    public int size() {
        return verified.size();
    }
}
