package cn.zhangzhou.partybuilding.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/** Claims of another provider read through {@code zz.security.claims.*}. */
class ClaimMappingTest {

    private static final ClaimMapping KEYCLOAK =
            new ClaimMapping("realm_access.roles", "zz.district", "zz.org", "member_id", true);

    @Test
    void defaultsReadThePlatformsOwnClaims() {
        UUID org = UUID.randomUUID();
        Caller caller = new CallerClaims().read("u1", Map.of("roles", List.of("COMMUNITY_STAFF"),
                "district", "xiangcheng", "org", org.toString()));
        assertThat(caller.roles()).containsExactly(Role.COMMUNITY_STAFF);
        assertThat(caller.district()).isEqualTo("xiangcheng");
        assertThat(caller.org()).isEqualTo(org);
    }

    @Test
    void dottedPathsReadNestedClaimsLikeKeycloaksRealmRoles() {
        UUID org = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        Map<String, Object> claims = Map.of(
                "realm_access", Map.of("roles", List.of("STREET_STAFF", "MEMBER")),
                "zz", Map.of("district", "longwen", "org", org.toString()),
                "member_id", member.toString(),
                // The platform's own names are ignored under this mapping.
                "roles", List.of("CITY_ADMIN"));
        Caller caller = new CallerClaims(KEYCLOAK).read("kc-user", claims);
        assertThat(caller.roles()).containsExactlyInAnyOrder(Role.STREET_STAFF, Role.MEMBER);
        assertThat(caller.district()).isEqualTo("longwen");
        assertThat(caller.org()).isEqualTo(org);
        assertThat(caller.member()).isEqualTo(member);
        assertThat(caller.isCityWide()).isFalse();
    }

    @Test
    void aClaimNamedWithDotsAsAWholeWins() {
        Caller caller = new CallerClaims(new ClaimMapping("https://zz.example/roles", "district", "org", "member", false))
                .read("u", Map.of("https://zz.example/roles", List.of("CITY_ADMIN")));
        assertThat(caller.roles()).isEqualTo(Set.of(Role.CITY_ADMIN));
    }

    @Test
    void rolesAsOneSpaceSeparatedString() {
        Caller caller = new CallerClaims().read("u", Map.of("roles", "DISTRICT_ADMIN DISTRICT_SYSTEM",
                "district", "xiangcheng"));
        assertThat(caller.roles()).containsExactlyInAnyOrder(Role.DISTRICT_ADMIN, Role.DISTRICT_SYSTEM);
    }

    @Test
    void aMissingPathIsAnInvalidTokenNamingTheConfiguredClaim() {
        assertThatThrownBy(() -> new CallerClaims(KEYCLOAK).read("u", Map.of("realm_access", Map.of())))
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("realm_access.roles");
        assertThatThrownBy(() -> new CallerClaims(KEYCLOAK).read("u",
                Map.of("realm_access", Map.of("roles", List.of("DISTRICT_ADMIN")), "zz", "not-an-object")))
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("zz.district");
    }

    @Test
    void unknownRolesAreRefusedUnlessTheMappingIgnoresThem() {
        assertThatThrownBy(() -> new CallerClaims().read("u",
                Map.of("roles", List.of("CITY_ADMIN", "offline_access"))))
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("offline_access");
        Caller caller = new CallerClaims(KEYCLOAK).read("u",
                Map.of("realm_access", Map.of("roles", List.of("CITY_ADMIN", "offline_access", "default-roles-zz"))));
        assertThat(caller.roles()).containsExactly(Role.CITY_ADMIN);
        // Only Keycloak's own roles: nothing the platform knows remains, so the token is still refused.
        assertThatThrownBy(() -> new CallerClaims(KEYCLOAK).read("u",
                Map.of("realm_access", Map.of("roles", List.of("offline_access")))))
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void aMalformedPathIsAConfigurationError() {
        assertThatThrownBy(() -> new ClaimMapping("realm_access..roles", "district", "org", "member", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zz.security.claims.roles");
        assertThatThrownBy(() -> new ClaimMapping("roles", " ", "org", "member", false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
