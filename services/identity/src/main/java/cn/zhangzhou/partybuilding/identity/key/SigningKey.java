package cn.zhangzhou.partybuilding.identity.key;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;

/**
 * One token signing key (RS256).
 *
 * @param privateKey   null when read for publication only
 * @param retiredAt    null while it signs; when a newer key took over
 * @param publishUntil for a retired key, when the last token it signed has expired (then it leaves the JWKS)
 */
public record SigningKey(String kid, RSAPublicKey publicKey, RSAPrivateKey privateKey, Instant createdAt,
                         Instant retiredAt, Instant publishUntil) {

    boolean active() {
        return retiredAt == null;
    }

    /** The public half as published in the JWKS. */
    public RSAKey publicJwk() {
        return new RSAKey.Builder(publicKey).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
    }

    /** Both halves, for the token encoder. */
    public RSAKey signingJwk() {
        if (privateKey == null) {
            throw new IllegalStateException("signing key " + kid + " was read without its private half");
        }
        return new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(kid).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).build();
    }
}
