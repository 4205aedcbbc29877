package cn.zhangzhou.partybuilding.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhangzhou.partybuilding.testing.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * The cache answers only for the very token the decoder verified, only inside that token's validity and the
 * cache's ttl, never for failures; the decoder behind it is our own scripted stand-in that counts its calls.
 */
class VerifiedTokenCacheTest {

    private final TestClock clock = new TestClock();
    private final ScriptedDecoder decoder = new ScriptedDecoder();

    @Test
    void theSameTokenIsVerifiedOnceThenAnsweredFromTheCache() {
        VerifiedTokenCache cache = new VerifiedTokenCache(decoder, Duration.ofMinutes(5), 100, clock);
        decoder.accept("token-a", clock.instant().plusSeconds(600));

        Jwt first = cache.decode("token-a").block();
        Jwt second = cache.decode("token-a").block();

        assertThat(second).isSameAs(first);
        assertThat(decoder.calls).containsExactly("token-a");
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void anyOtherTokenGoesToTheDecoderSoAForgedCopyIsRefused() {
        VerifiedTokenCache cache = new VerifiedTokenCache(decoder, Duration.ofMinutes(5), 100, clock);
        decoder.accept("header.payload.signature", clock.instant().plusSeconds(600));
        cache.decode("header.payload.signature").block();

        // Same header and payload, another signature: the decoder decides, and it refuses.
        assertThatThrownBy(() -> cache.decode("header.payload.forged").block()).isInstanceOf(BadJwtException.class);
        assertThat(decoder.calls).containsExactly("header.payload.signature", "header.payload.forged");
    }

    @Test
    void failuresAreNeverRemembered() {
        VerifiedTokenCache cache = new VerifiedTokenCache(decoder, Duration.ofMinutes(5), 100, clock);
        assertThatThrownBy(() -> cache.decode("bad").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("bad").block()).isInstanceOf(BadJwtException.class);
        assertThat(decoder.calls).containsExactly("bad", "bad");
        assertThat(cache.size()).isZero();
    }

    @Test
    void aTokenPastItsExpiryIsAskedAgainAndTheDecodersRefusalStands() {
        VerifiedTokenCache cache = new VerifiedTokenCache(decoder, Duration.ofMinutes(5), 100, clock);
        decoder.accept("short", clock.instant().plusSeconds(30));
        cache.decode("short").block();

        clock.advance(Duration.ofSeconds(31));
        decoder.refuse("short");

        assertThatThrownBy(() -> cache.decode("short").block()).isInstanceOf(BadJwtException.class);
        assertThat(decoder.calls).containsExactly("short", "short");
        assertThat(cache.size()).isZero();
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheTtl() {
        VerifiedTokenCache cache = new VerifiedTokenCache(decoder, Duration.ofMinutes(5), 100, clock);
        decoder.accept("long", clock.instant().plus(Duration.ofHours(8)));
        cache.decode("long").block();

        clock.advance(Duration.ofMinutes(4));
        cache.decode("long").block();
        assertThat(decoder.calls).hasSize(1);

        // The key that signed it was withdrawn meanwhile: after the ttl the decoder is asked, and refuses.
        clock.advance(Duration.ofMinutes(1));
        decoder.refuse("long");
        assertThatThrownBy(() -> cache.decode("long").block()).isInstanceOf(BadJwtException.class);
        assertThat(decoder.calls).hasSize(2);
    }

    @Test
    void aTokenWithoutExpiryIsNeverCached() {
        VerifiedTokenCache cache = new VerifiedTokenCache(decoder, Duration.ofMinutes(5), 100, clock);
        decoder.accept("forever", null);
        cache.decode("forever").block();
        cache.decode("forever").block();
        assertThat(decoder.calls).hasSize(2);
    }

    @Test
    void aTokenNotYetValidIsNotAnsweredFromTheCache() {
        VerifiedTokenCache cache = new VerifiedTokenCache(decoder, Duration.ofMinutes(5), 100, clock);
        // The decoder's clock skew let it through although nbf lies ahead.
        decoder.accept("early", clock.instant().plusSeconds(600), clock.instant().plusSeconds(30));
        cache.decode("early").block();
        cache.decode("early").block();
        assertThat(decoder.calls).hasSize(2);
    }

    @Test
    void aFullCacheDropsExpiredEntriesFirstAndStaysBounded() {
        VerifiedTokenCache cache = new VerifiedTokenCache(decoder, Duration.ofMinutes(5), 2, clock);
        decoder.accept("soon", clock.instant().plusSeconds(10));
        decoder.accept("later", clock.instant().plusSeconds(600));
        decoder.accept("third", clock.instant().plusSeconds(600));
        decoder.accept("fourth", clock.instant().plusSeconds(600));
        cache.decode("soon").block();
        cache.decode("later").block();

        clock.advance(Duration.ofSeconds(11));
        cache.decode("third").block();
        assertThat(cache.size()).as("the expired entry made room").isEqualTo(2);
        cache.decode("later").block();
        assertThat(decoder.calls).containsExactly("soon", "later", "third");

        cache.decode("fourth").block();
        assertThat(cache.size()).as("nothing had expired: one entry gave way, the bound holds").isEqualTo(2);
        assertThat(decoder.calls).containsExactly("soon", "later", "third", "fourth");
    }

    @Test
    void aZeroTtlOrSizeTurnsTheCacheOff() {
        decoder.accept("t", clock.instant().plusSeconds(600));
        VerifiedTokenCache noTtl = new VerifiedTokenCache(decoder, Duration.ZERO, 100, clock);
        noTtl.decode("t").block();
        noTtl.decode("t").block();
        VerifiedTokenCache noSize = new VerifiedTokenCache(decoder, Duration.ofMinutes(5), 0, clock);
        noSize.decode("t").block();
        noSize.decode("t").block();
        assertThat(decoder.calls).hasSize(4);
    }

    @Test
    void countsAreExposedAsMetrics() {
        VerifiedTokenCache cache = new VerifiedTokenCache(decoder, Duration.ofMinutes(5), 100, clock);
        decoder.accept("m", clock.instant().plusSeconds(600));
        cache.decode("m").block();
        cache.decode("m").block();
        cache.decode("m").block();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        cache.bindTo(registry);
        assertThat(registry.get("zz.gateway.tokens").tag("verification", "cached").functionCounter().count())
                .isEqualTo(2);
        assertThat(registry.get("zz.gateway.tokens").tag("verification", "full").functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get("zz.gateway.tokens.cached").gauge().value()).isEqualTo(1);
    }

    /** Accepts the tokens it was told to, with the expiry given; refuses every other one. */
    private static final class ScriptedDecoder implements ReactiveJwtDecoder {

        final List<String> calls = new ArrayList<>();
        private final Map<String, Jwt> accepted = new HashMap<>();

        void accept(String token, Instant expiresAt) {
            accept(token, expiresAt, null);
        }

        void accept(String token, Instant expiresAt, Instant notBefore) {
            Jwt.Builder jwt = Jwt.withTokenValue(token).header("alg", "RS256").subject("s-" + token)
                    .claim("roles", List.of("MEMBER"));
            if (expiresAt != null) {
                jwt.issuedAt(expiresAt.minusSeconds(3600)).expiresAt(expiresAt);
            }
            if (notBefore != null) {
                jwt.notBefore(notBefore);
            }
            accepted.put(token, jwt.build());
        }

        void refuse(String token) {
            accepted.remove(token);
        }

        @Override
        public Mono<Jwt> decode(String token) {
            calls.add(token);
            Jwt jwt = accepted.get(token);
            return jwt == null ? Mono.error(new BadJwtException("refused: " + token)) : Mono.just(jwt);
        }
    }
}
