package cn.zhangzhou.partybuilding.gateway.security;

import cn.zhangzhou.partybuilding.gateway.config.ClaimNames;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * Reads the two claims the gateway needs, roles and district, at the configured names (a dotted name is a path
 * into object claims, e.g. {@code realm_access.roles}). The rest of the token is the services' business: they
 * verify it again and read all of it.
 */
public class TokenClaims implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    private final ClaimNames names;

    public TokenClaims(ClaimNames names) {
        this.names = names;
    }

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            throw new InvalidBearerTokenException("Invalid token claims: the token has no subject");
        }
        List<GrantedAuthority> authorities = roles(jwt).stream()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
        return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
    }

    /** @throws InvalidBearerTokenException unless the roles claim is a non-empty array of strings */
    public List<String> roles(Jwt jwt) {
        Object value = claim(jwt.getClaims(), names.roles());
        if (!(value instanceof Collection<?> values) || values.isEmpty()
                || !values.stream().allMatch(v -> v instanceof String s && !s.isBlank())) {
            throw new InvalidBearerTokenException("Invalid token claims: claim '" + names.roles()
                    + "' must be a non-empty array of role names");
        }
        return values.stream().map(String.class::cast).toList();
    }

    /** The district claim, or null when absent or not a string. */
    public String district(Jwt jwt) {
        return claim(jwt.getClaims(), names.district()) instanceof String district ? district : null;
    }

    /** The claim at a name: the literal name first (URL-like names contain dots), then a dotted path. */
    static Object claim(Map<String, Object> claims, String name) {
        if (claims.containsKey(name)) {
            return claims.get(name);
        }
        Object current = claims;
        for (String part : name.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }
}
