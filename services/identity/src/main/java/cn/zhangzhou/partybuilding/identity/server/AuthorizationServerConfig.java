package cn.zhangzhou.partybuilding.identity.server;

import cn.zhangzhou.partybuilding.identity.IdentityProperties;
import cn.zhangzhou.partybuilding.identity.key.SigningKey;
import cn.zhangzhou.partybuilding.identity.key.SigningKeyService;
import cn.zhangzhou.partybuilding.support.security.CallerClaims;
import cn.zhangzhou.partybuilding.support.security.ProblemSecurityHandlers;
import cn.zhangzhou.partybuilding.support.security.SupportSecurityAutoConfiguration;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Three filter chains, most specific first. They replace the support module's single resource-server chain, which
 * steps back by itself ({@code @ConditionalOnMissingBean(SecurityFilterChain)}); the support module's
 * {@link CallerClaims} and problem-JSON handlers are reused for the API chain.
 * <ol>
 *   <li>the authorization server's protocol endpoints ({@code /oauth2/*}, OIDC discovery, userinfo);</li>
 *   <li>the admin API {@code /api/**}: a resource server of its own tokens, stateless, like every service;</li>
 *   <li>everything else: the login form (session + CSRF), probes and API docs public.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, IdentityProperties properties) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, server -> server.oidc(Customizer.withDefaults()))
                .cors(cors -> cors.configurationSource(dashboardOrigins(properties)))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                // A browser not yet signed in goes to the login form; API clients get a 401.
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                // The OIDC userinfo endpoint takes the access token.
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()));
        return http.build();
    }

    /**
     * A dashboard page reads discovery and trades its code for a token from its own origin (fetch), so the protocol
     * endpoints answer CORS for the origins of the browser client's redirect URIs, and only those: no cookies.
     */
    private static CorsConfigurationSource dashboardOrigins(IdentityProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.browserClient().redirectUris().stream()
                .map(uri -> UriComponentsBuilder.fromUriString(uri).replacePath(null).build().toUriString())
                .distinct().toList());
        cors.setAllowedMethods(List.of("GET", "POST"));
        cors.setAllowedHeaders(List.of("Content-Type"));
        cors.setAllowCredentials(false);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    @Bean
    @Order(2)
    SecurityFilterChain adminApiChain(HttpSecurity http, CallerClaims callerClaims, ProblemSecurityHandlers handlers)
            throws Exception {
        http.securityMatcher("/api/**")
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(callerClaims))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain loginChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(authorize -> authorize
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(SupportSecurityAutoConfiguration.PUBLIC_PATHS).permitAll()
                        .anyRequest().authenticated())
                // Authenticates with the one AuthenticationProvider bean (LoginAuthenticationProvider, lock-out).
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentityProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer().toString()).build();
    }

    /**
     * What {@code /oauth2/jwks} publishes and this service's own API verifies with: the active key and the retired
     * keys still within their window. Never a private half.
     */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeyService keys) {
        return (selector, context) -> selector.select(
                new JWKSet(keys.published().stream().<JWK>map(SigningKey::publicJwk).toList()));
    }

    /**
     * Signs with the active key only, so the encoder never has to choose between keys (it refuses to when several
     * match) and every new token carries the new {@code kid} right after a rotation, on every instance (read from the
     * database each time; token requests are rare next to API calls).
     */
    @Bean
    JwtEncoder jwtEncoder(SigningKeyService keys) {
        return new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(keys.active().signingJwk())));
    }

    /** Our own tokens, for the admin API and userinfo: any published key, our issuer, not expired. */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, IdentityProperties properties) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, jwkSource));
        // Spring's validators check the claims (exp, nbf, iss); Nimbus's own claims check would duplicate them.
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.issuer().toString()));
        return decoder;
    }

    /**
     * Argon2id (memory-hard, the OWASP first choice) for new hashes; bcrypt hashes still verify and are upgraded at
     * the next login. Client secrets of district systems are hashed the same way.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("argon2", Map.of(
                "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder()));
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
