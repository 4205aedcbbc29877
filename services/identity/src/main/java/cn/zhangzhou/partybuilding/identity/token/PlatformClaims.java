package cn.zhangzhou.partybuilding.identity.token;

import cn.zhangzhou.partybuilding.identity.client.DistrictClient;
import cn.zhangzhou.partybuilding.identity.client.DistrictClientStore;
import cn.zhangzhou.partybuilding.identity.user.UserAccount;
import cn.zhangzhou.partybuilding.identity.user.UserStore;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.security.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * (Claim values are mutable JDK collections on purpose: the authorization, claims included, is stored as JSON by
 * JdbcOAuth2AuthorizationService, whose allow-list refuses the JDK's immutable list classes when reading it back.)
 * <p>
 * Puts the platform's claims into access and ID tokens, exactly as the services read them (support's
 * {@code CallerClaims}): {@code roles} (Role names), {@code district}, {@code org}, {@code member}. A user's come from
 * the account as it is now (a role removed since login is not in the next token); a district system's are
 * {@code DISTRICT_SYSTEM} and its district.
 */
@Component
class PlatformClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final UserStore users;
    private final DistrictClientStore districtClients;

    PlatformClaims(UserStore users, DistrictClientStore districtClients) {
        this.users = users;
        this.districtClients = districtClients;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!accessToken && !idToken) {
            return;
        }
        JwtClaimsSet.Builder claims = context.getClaims();
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            String clientId = context.getRegisteredClient().getClientId();
            DistrictClient client = districtClients.find(clientId).orElseThrow(() -> refused(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
                    "client " + clientId + " is not a registered district system"));
            claims.claim(Caller.CLAIM_ROLES, new ArrayList<>(List.of(Role.DISTRICT_SYSTEM.name())));
            claims.claim(Caller.CLAIM_DISTRICT, client.district());
            return;
        }
        String username = context.getPrincipal().getName();
        UserAccount user = users.findByUsername(username)
                .filter(UserAccount::enabled)
                .orElseThrow(() -> refused(OAuth2ErrorCodes.INVALID_GRANT, "the account is no longer active"));
        claims.claim(Caller.CLAIM_ROLES,
                user.roles().stream().sorted().map(Role::name).collect(Collectors.toCollection(ArrayList::new)));
        if (user.district() != null) {
            claims.claim(Caller.CLAIM_DISTRICT, user.district());
        }
        if (user.org() != null) {
            claims.claim(Caller.CLAIM_ORG, user.org().toString());
        }
        if (user.member() != null) {
            claims.claim(Caller.CLAIM_MEMBER, user.member().toString());
        }
    }

    private static OAuth2AuthenticationException refused(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
    }
}
