package cn.zhangzhou.partybuilding.gateway.security;

import cn.zhangzhou.partybuilding.gateway.config.ClaimNames;
import cn.zhangzhou.partybuilding.gateway.config.GatewayProperties;
import cn.zhangzhou.partybuilding.gateway.route.DashboardRoutes;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * The gateway is a resource server: every {@code /api/v1/**} call needs a valid JWT whose district matches the
 * path (see {@link DistrictAuthorization}), but the services' open paths ({@code zz.gateway.open-paths}); probes,
 * metrics, the API docs and the dashboard's page (not its API, {@link DashboardRoutes}) are public. Stateless, no CSRF.
 * The token is passed on unchanged: the services verify it again (defence in depth).
 *
 * <p>The decoder is Boot's, from {@code spring.security.oauth2.resourceserver.jwt.*} as in the services:
 * {@code jwk-set-uri} (identity's JWKS), {@code issuer-uri} or {@code public-key-location} (an RSA public key PEM);
 * RS256 by default, exp and nbf validated.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class GatewaySecurity {

    static final String[] PUBLIC_PATHS = {"/actuator/health", "/actuator/health/**", "/actuator/info",
            "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
            "/webjars/**", "/openapi/**"};

    @Bean
    TokenClaims tokenClaims(ClaimNames names) {
        return new TokenClaims(names);
    }

    /** In front of Boot's decoder: see {@link VerifiedTokenCache}. */
    @Bean
    VerifiedTokenCache verifiedTokenCache(ObjectProvider<ReactiveJwtDecoder> decoder, GatewayProperties properties) {
        GatewayProperties.TokenCache cache = properties.tokenCache();
        // Without a key source Boot builds no decoder: say what to set rather than "no bean of type ...".
        ReactiveJwtDecoder verifier = decoder.getIfAvailable(() -> {
            throw new IllegalStateException("No token verification key: set "
                    + "spring.security.oauth2.resourceserver.jwt.jwk-set-uri (the identity service's JWKS), "
                    + "issuer-uri or public-key-location (an RSA public key PEM)");
        });
        return new VerifiedTokenCache(verifier, cache.ttl(), cache.maxEntries(), Clock.systemUTC());
    }

    /** A bean, so that Spring Security's firewall answers its rejections with it too. */
    @Bean
    ProblemSecurityHandlers problemSecurityHandlers() {
        return new ProblemSecurityHandlers();
    }

    @Bean
    SecurityWebFilterChain gatewaySecurityChain(ServerHttpSecurity http, GatewayProperties properties,
                                                TokenClaims claims, VerifiedTokenCache tokens,
                                                ProblemSecurityHandlers problems) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(authorize -> authorize
                        .pathMatchers(PUBLIC_PATHS).permitAll()
                        .matchers(openPaths(properties)).permitAll()
                        .pathMatchers("/gateway-fallback/**").denyAll()
                        .pathMatchers(DashboardRoutes.PAGE_API_PATHS).authenticated()
                        .pathMatchers(DashboardRoutes.PAGE_PATHS).permitAll()
                        .pathMatchers("/api/v1/{district}/**").access(new DistrictAuthorization(properties, claims))
                        .anyExchange().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtDecoder(tokens::decode).jwtAuthenticationConverter(claims))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .build();
    }

    /**
     * Each district's open paths of its services, e.g. {@code /api/v1/xiangcheng/evaluation/resident-ratings}, matched
     * exactly: any other spelling of the path needs a token.
     */
    static ServerWebExchangeMatcher openPaths(GatewayProperties properties) {
        Set<String> paths = properties.districts().entrySet().stream()
                .flatMap(district -> district.getValue().keySet().stream().flatMap(service ->
                        properties.openPaths().getOrDefault(service, List.of()).stream()
                                .map(path -> "/api/v1/" + district.getKey() + "/" + service + path)))
                .collect(Collectors.toUnmodifiableSet());
        return exchange -> paths.contains(exchange.getRequest().getPath().pathWithinApplication().value())
                ? MatchResult.match() : MatchResult.notMatch();
    }
}
