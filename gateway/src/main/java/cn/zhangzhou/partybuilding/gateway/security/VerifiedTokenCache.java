package cn.zhangzhou.partybuilding.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
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
 * to the delegate, so forged tokens are never answered from here. A token is remembered only once it is inside its
 * own validity ({@code nbf} ≤ now, no clock skew) and until the earlier of its {@code exp} and {@code ttl} after it
 * was verified, which bounds how long a token signed by a key that was withdrawn from the JWKS stays accepted by
 * the gateway (the services behind verify every token themselves). Failures and tokens without {@code exp} are
 * never remembered. A Caffeine cache holds at most {@code maxEntries} tokens (expired ones go first, then the least
 * useful by its frequency sketch: a full cache costs one verification per token, never a wrong answer); its time
 * is the given clock's.
 */
public class VerifiedTokenCache implements MeterBinder {

    private final ReactiveJwtDecoder delegate;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    public VerifiedTokenCache(ReactiveJwtDecoder delegate, Duration ttl, int maxEntries, Clock clock) {
        if (ttl.isNegative() || maxEntries < 0) {
            throw new IllegalArgumentException("the verified-token cache needs a ttl and a size of zero or more");
        }
        this.delegate = delegate;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(Expiry.creating((String token, Jwt jwt) -> lifetime(jwt, ttl)))
                .ticker(() -> nanos(clock.instant()))
                // Upkeep on the caller's thread: a few pointer moves per new token, no hand-off to another pool.
                .executor(Runnable::run)
                .recordStats()
                .build();
    }

    /** The delegate's answer for this token, from the cache while it holds a verified copy (a ReactiveJwtDecoder). */
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            return Mono.just(known);
        }
        return delegate.decode(token).doOnNext(jwt -> remember(token, jwt));
    }

    private void remember(String token, Jwt jwt) {
        // Without exp nothing would bound how long it is trusted; before nbf the decoder's clock skew let it in.
        boolean valid = jwt.getNotBefore() == null || !clock.instant().isBefore(jwt.getNotBefore());
        if (jwt.getExpiresAt() != null && valid) {
            verified.put(token, jwt);
        }
    }

    /** Until the earlier of the token's expiry and {@code ttl} from now; zero or less is never served. */
    private Duration lifetime(Jwt jwt, Duration ttl) {
        Duration untilExpiry = Duration.between(clock.instant(), jwt.getExpiresAt());
        return untilExpiry.compareTo(ttl) < 0 ? untilExpiry : ttl;
    }

    private static long nanos(Instant instant) {
        return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
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
        return verified.stats().hitCount();
    }

    /** Requests that went to the delegate (new, changed, expired or invalid tokens). */
    public long misses() {
        return verified.stats().missCount();
    }

    public long size() {
        return verified.estimatedSize();
    }
}
