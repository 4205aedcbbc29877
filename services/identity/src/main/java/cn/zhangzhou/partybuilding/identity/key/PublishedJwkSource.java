package cn.zhangzhou.partybuilding.identity.key;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;

/**
 * The public keys the JWKS endpoint ({@code /oauth2/jwks}) publishes and this service's own API verifies with:
 * the active key and the retired keys still within their window. Never a private half.
 */
public class PublishedJwkSource implements JWKSource<SecurityContext> {

    private final SigningKeys keys;

    public PublishedJwkSource(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        List<JWK> published = keys.published().stream().<JWK>map(SigningKey::publicJwk).toList();
        return selector.select(new JWKSet(published));
    }
}
