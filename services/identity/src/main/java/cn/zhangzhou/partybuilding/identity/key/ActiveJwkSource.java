package cn.zhangzhou.partybuilding.identity.key;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;

/**
 * The one key that signs, for the token encoder: only the active key, so the encoder never has to choose
 * between keys (it refuses to when several match) and every new token carries the new {@code kid} right after a
 * rotation, on every instance (read from the database each time; token requests are rare next to API calls).
 */
public class ActiveJwkSource implements JWKSource<SecurityContext> {

    private final SigningKeys keys;

    public ActiveJwkSource(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        return selector.select(new JWKSet(keys.active().signingJwk()));
    }
}
