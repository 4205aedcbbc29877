package cn.zhangzhou.partybuilding.identity;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code zz.identity.*}.
 *
 * @param issuer         the {@code iss} of every token and the base of the discovery documents
 * @param accessTokenTtl how long an access token lives (short: there is no revocation check in the services)
 * @param lockout        lock-out after repeated login failures
 * @param keys           signing keys: encryption at rest and rotation
 * @param browserClient  the public client of the dashboards (authorization code + PKCE)
 * @param bootstrap      the first CITY_ADMIN of a fresh deployment
 */
@ConfigurationProperties("zz.identity")
public record IdentityProperties(@DefaultValue("http://localhost:9000") URI issuer,
                                 @DefaultValue("PT15M") Duration accessTokenTtl,
                                 @DefaultValue Lockout lockout,
                                 @DefaultValue Keys keys,
                                 @DefaultValue BrowserClient browserClient,
                                 @DefaultValue Bootstrap bootstrap) {

    /** Spring Authorization Server gives every ID token 30 minutes, not configurable (JwtGenerator). */
    public static final Duration ID_TOKEN_TTL = Duration.ofMinutes(30);

    public IdentityProperties {
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero() || accessTokenTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("zz.identity.access-token-ttl must be between 0 and 1 hour, not "
                    + accessTokenTtl);
        }
    }

    /** The longest a token we sign can live: how long a retired key must stay in the JWKS. */
    public Duration longestTokenLifetime() {
        return accessTokenTtl.compareTo(ID_TOKEN_TTL) > 0 ? accessTokenTtl : ID_TOKEN_TTL;
    }

    /**
     * @param maxFailures consecutive failed logins that lock the account
     * @param duration    how long it stays locked (an admin can unlock earlier)
     */
    public record Lockout(@DefaultValue("5") int maxFailures, @DefaultValue("PT15M") Duration duration) {
        public Lockout {
            if (maxFailures < 1) {
                throw new IllegalArgumentException("zz.identity.lockout.max-failures must be at least 1");
            }
        }
    }

    /**
     * @param encryptionSecret encrypts the private keys at rest; at least 32 characters
     * @param rotationInterval a new key replaces the active one when it is this old
     * @param checkInterval    how often the schedule looks
     * @param clockSkew        added to the token lifetime before a retired key leaves the JWKS
     */
    public record Keys(String encryptionSecret,
                       @DefaultValue("P30D") Duration rotationInterval,
                       @DefaultValue("PT1H") Duration checkInterval,
                       @DefaultValue("PT1M") Duration clockSkew) {
    }

    /**
     * @param clientId     the dashboards' public client id
     * @param redirectUris where the dashboards receive the code (exact match)
     */
    public record BrowserClient(@DefaultValue("dashboard") String clientId,
                                @DefaultValue("http://localhost:5173/callback") List<String> redirectUris) {
    }

    /**
     * @param adminUsername the first CITY_ADMIN's username
     * @param adminPassword its password; no bootstrap when empty
     */
    public record Bootstrap(@DefaultValue("admin") String adminUsername, String adminPassword) {
    }
}
