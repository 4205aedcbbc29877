package cn.zhangzhou.partybuilding.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhangzhou.partybuilding.gateway.config.ClaimNames;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/** The two claims at configurable names: plain, dotted paths into object claims, and URL-like names with dots. */
class TokenClaimsTest {

    @Test
    void defaultNames() {
        TokenClaims claims = new TokenClaims(new ClaimNames("roles", "district"));
        Jwt jwt = jwt(Map.of("roles", List.of("DISTRICT_ADMIN"), "district", "longwen"));
        assertThat(claims.roles(jwt)).containsExactly("DISTRICT_ADMIN");
        assertThat(claims.district(jwt)).isEqualTo("longwen");
        assertThat(claims.convert(jwt).block().getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_DISTRICT_ADMIN");
    }

    @Test
    void dottedPathsReachIntoObjectClaimsAsKeycloakPutsThem() {
        TokenClaims claims = new TokenClaims(new ClaimNames("realm_access.roles", "zz.district"));
        Jwt jwt = jwt(Map.of("realm_access", Map.of("roles", List.of("CITY_ADMIN", "MEMBER")),
                "zz", Map.of("district", "xiangcheng")));
        assertThat(claims.roles(jwt)).containsExactly("CITY_ADMIN", "MEMBER");
        assertThat(claims.district(jwt)).isEqualTo("xiangcheng");
    }

    @Test
    void aLiteralNameWithDotsWinsOverThePath() {
        TokenClaims claims = new TokenClaims(new ClaimNames("https://zz.example/roles", "district"));
        Jwt jwt = jwt(Map.of("https://zz.example/roles", List.of("MEMBER")));
        assertThat(claims.roles(jwt)).containsExactly("MEMBER");
        assertThat(claims.district(jwt)).isNull();
    }

    @Test
    void missingEmptyOrMistypedRolesMakeTheTokenInvalid() {
        TokenClaims claims = new TokenClaims(new ClaimNames("realm_access.roles", "district"));
        assertThatThrownBy(() -> claims.roles(jwt(Map.of("district", "x"))))
                .isInstanceOf(InvalidBearerTokenException.class).hasMessageContaining("realm_access.roles");
        assertThatThrownBy(() -> claims.roles(jwt(Map.of("realm_access", Map.of("roles", List.of())))))
                .isInstanceOf(InvalidBearerTokenException.class);
        assertThatThrownBy(() -> claims.roles(jwt(Map.of("realm_access", Map.of("roles", "CITY_ADMIN")))))
                .isInstanceOf(InvalidBearerTokenException.class);
        assertThatThrownBy(() -> claims.roles(jwt(Map.of("realm_access", "CITY_ADMIN"))))
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("someone")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }
}
