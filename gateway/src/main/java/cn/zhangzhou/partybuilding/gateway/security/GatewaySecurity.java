package cn.zhangzhou.partybuilding.gateway.security;

import cn.zhangzhou.partybuilding.gateway.config.ClaimNames;
import cn.zhangzhou.partybuilding.gateway.config.GatewayProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * The gateway is a resource server: every {@code /api/v1/**} call needs a valid JWT whose district matches the
 * path (see {@link DistrictAuthorization}); probes, metrics and the API docs are public. Stateless, no CSRF.
 * The token is passed on unchanged: the services verify it again (defence in depth).
 *
 * <p>The key comes from Boot's {@code spring.security.oauth2.resourceserver.jwt.*} (jwk-set-uri, issuer-uri or
 * public-key-location), which wins when set, or, like the services, from {@code zz.security.jwt.public-key-location}.
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

    /** In front of whichever decoder is configured (ours below or Boot's): see {@link VerifiedTokenCache}. */
    @Bean
    VerifiedTokenCache verifiedTokenCache(ReactiveJwtDecoder decoder, GatewayProperties properties) {
        GatewayProperties.TokenCache cache = properties.tokenCache();
        return new VerifiedTokenCache(decoder, cache.ttl(), cache.maxEntries(), Clock.systemUTC());
    }

    @Bean
    SecurityWebFilterChain gatewaySecurityChain(ServerHttpSecurity http, GatewayProperties properties,
                                                TokenClaims claims, VerifiedTokenCache tokens) {
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers();
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(authorize -> authorize
                        .pathMatchers(PUBLIC_PATHS).permitAll()
                        .pathMatchers("/gateway-fallback/**").denyAll()
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
     * The services' setting works here too: an RSA public key PEM, RS256, exp/nbf checked. Boot's own
     * {@code spring.security.oauth2.resourceserver.jwt.*} settings win when given (see {@link OnlyZzKey}).
     */
    @Bean
    @Conditional(OnlyZzKey.class)
    ReactiveJwtDecoder zzPublicKeyJwtDecoder(org.springframework.core.env.Environment environment,
                                             ResourceLoader resources) throws Exception {
        String location = environment.getRequiredProperty("zz.security.jwt.public-key-location");
        Resource resource = resources.getResource(location);
        if (!resource.exists()) {
            throw new IllegalStateException("zz.security.jwt.public-key-location points at nothing: " + location);
        }
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(publicKey(resource))
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(JwtValidators.createDefault());
        return decoder;
    }

    /** {@code zz.security.jwt.public-key-location} is set and none of Boot's JWT key settings is. */
    static class OnlyZzKey implements Condition {

        private static final String BOOT = "spring.security.oauth2.resourceserver.jwt.";

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            org.springframework.core.env.Environment environment = context.getEnvironment();
            return environment.containsProperty("zz.security.jwt.public-key-location")
                    && !environment.containsProperty(BOOT + "jwk-set-uri")
                    && !environment.containsProperty(BOOT + "issuer-uri")
                    && !environment.containsProperty(BOOT + "public-key-location");
        }
    }

    private static RSAPublicKey publicKey(Resource resource) throws Exception {
        String pem;
        try (InputStream in = resource.getInputStream()) {
            pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
