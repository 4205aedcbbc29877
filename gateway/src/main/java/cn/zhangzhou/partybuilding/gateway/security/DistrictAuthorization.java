package cn.zhangzhou.partybuilding.gateway.security;

import cn.zhangzhou.partybuilding.gateway.config.GatewayProperties;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/**
 * A token may call {@code /api/v1/<district>/...} only when its {@code district} claim is that district, unless
 * one of its roles spans districts (CITY_ADMIN). The refusal names both districts. An unknown district passes on
 * to the routes' 404, so that a typo reads as a typo, not as a permission problem.
 */
public class DistrictAuthorization implements ReactiveAuthorizationManager<AuthorizationContext> {

    private final GatewayProperties properties;
    private final TokenClaims claims;

    public DistrictAuthorization(GatewayProperties properties, TokenClaims claims) {
        this.properties = properties;
        this.claims = claims;
    }

    /**
     * A member of one district acting in another (双报到: serving where they reported, claiming wishes where they
     * live): only a token whose every role is a visiting role and that names its home district. Staff and admin roles
     * never cross here, whatever else the token holds; the district's service decides whether it knows the member.
     */
    private boolean visiting(List<String> roles, String own) {
        return own != null && !roles.isEmpty() && properties.visitingRoles().containsAll(roles);
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        String district = (String) context.getVariables().get("district");
        return authentication
                .filter(Authentication::isAuthenticated)
                .filter(JwtAuthenticationToken.class::isInstance)
                .cast(JwtAuthenticationToken.class)
                .flatMap(token -> {
                    if (!properties.districts().containsKey(district)) {
                        return Mono.<AuthorizationResult>just(new AuthorizationDecision(true));
                    }
                    List<String> roles = claims.roles(token.getToken());
                    if (roles.stream().anyMatch(properties.crossDistrictRoles()::contains)) {
                        return Mono.<AuthorizationResult>just(new AuthorizationDecision(true));
                    }
                    String own = claims.district(token.getToken());
                    if (district.equals(own) || visiting(roles, own)) {
                        return Mono.<AuthorizationResult>just(new AuthorizationDecision(true));
                    }
                    return Mono.<AuthorizationResult>error(new AccessDeniedException("The token's district is "
                            + (own == null ? "(none)" : own) + ", not " + district + "; only "
                            + properties.crossDistrictRoles() + " may call other districts, and "
                            + properties.visitingRoles() + " without another role"));
                })
                .defaultIfEmpty(new AuthorizationDecision(false));
    }
}
