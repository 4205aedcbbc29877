package cn.zhangzhou.partybuilding.testing;

import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs RS256 tokens with the platform's claims ({@code roles}, {@code district}, {@code org}, {@code member}) for
 * tests and for the benchmark, which measures one service without an identity service. Deployments never sign:
 * their tokens come from the identity service (or another OIDC provider).
 *
 * <p>Roles are names ({@code "DISTRICT_ADMIN"}, or any enum constant: its {@code name()} is used), so this module
 * does not depend on service-support, whose tests use it.
 */
public final class JwtSigner {

    /** Claim names as service-support's {@code Caller} reads them by default. */
    public static final String CLAIM_ROLES = "roles";
    public static final String CLAIM_DISTRICT = "district";
    public static final String CLAIM_ORG = "org";
    public static final String CLAIM_MEMBER = "member";

    private final RSASSASigner signer;
    private final Clock clock;

    public JwtSigner(RSAPrivateKey key) {
        this(key, Clock.systemUTC());
    }

    public JwtSigner(RSAPrivateKey key, Clock clock) {
        this.signer = new RSASSASigner(key);
        this.clock = clock;
    }

    /** A token valid from now for {@code ttl}; district/org/member may be null. */
    public String sign(String subject, Collection<?> roles, String district, UUID org, UUID member, Duration ttl) {
        Instant now = clock.instant();
        return sign(subject, claims(roles, district, org, member), now, now.plus(ttl));
    }

    /** A token with any claims (for tests of malformed claims) issued at {@code issuedAt}, expiring at {@code expiresAt}. */
    public String sign(String subject, Map<String, Object> claims, Instant issuedAt, Instant expiresAt) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .subject(subject)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt));
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                builder.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the token", e);
        }
        return jwt.serialize();
    }

    /** The platform's claims; absent values are left out rather than null. */
    public static Map<String, Object> claims(Collection<?> roles, String district, UUID org, UUID member) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(CLAIM_ROLES, roles.stream().map(JwtSigner::roleName).toList());
        if (district != null) {
            claims.put(CLAIM_DISTRICT, district);
        }
        if (org != null) {
            claims.put(CLAIM_ORG, org.toString());
        }
        if (member != null) {
            claims.put(CLAIM_MEMBER, member.toString());
        }
        return claims;
    }

    private static String roleName(Object role) {
        return role instanceof Enum<?> e ? e.name() : String.valueOf(role);
    }
}
