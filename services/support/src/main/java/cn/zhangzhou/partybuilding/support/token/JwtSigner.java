package cn.zhangzhou.partybuilding.support.token;

import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.security.Role;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Signs RS256 tokens with the platform's claims ({@code roles}, {@code district}, {@code org}, {@code member}).
 * For local development and tests until an identity service issues the tokens.
 */
public final class JwtSigner {

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
    public String sign(String subject, Collection<Role> roles, String district, UUID org, UUID member, Duration ttl) {
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
    public static Map<String, Object> claims(Collection<Role> roles, String district, UUID org, UUID member) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(Caller.CLAIM_ROLES, roles.stream().map(Role::name).toList());
        if (district != null) {
            claims.put(Caller.CLAIM_DISTRICT, district);
        }
        if (org != null) {
            claims.put(Caller.CLAIM_ORG, org.toString());
        }
        if (member != null) {
            claims.put(Caller.CLAIM_MEMBER, member.toString());
        }
        return claims;
    }
}
