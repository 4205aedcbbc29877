package cn.zhangzhou.partybuilding.support.security;

import io.micrometer.tracing.Tracer;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every service is an OAuth2 resource server (JWT): operations endpoints and API docs are public, everything else
 * needs a valid token whose claims make a {@link Caller}. Stateless, no CSRF (bearer tokens, no cookies).
 *
 * <p>The token decoder is Boot's, from {@code spring.security.oauth2.resourceserver.jwt.*}: {@code jwk-set-uri}
 * (identity's JWKS, every deployment), {@code issuer-uri}, or {@code public-key-location} (an RSA public key PEM;
 * tests). RS256 by default; exp and nbf are validated. While the JWKS cannot be fetched, requests with a token get
 * 503 with {@code Retry-After} ({@link ProblemSecurityHandlers}).
 */
@AutoConfiguration(before = {ServletWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class,
        ManagementWebSecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(ClaimMapping.class)
public class SupportSecurityAutoConfiguration {

    /** Reachable without a token: probes, metrics scraping and the API documentation. */
    public static final String[] PUBLIC_PATHS = {
            "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error"};

    static {
        hideCallerFromOpenApi();
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemSecurityHandlers problemSecurityHandlers(ObjectProvider<Tracer> tracer) {
        return new ProblemSecurityHandlers(tracer);
    }

    @Bean
    @ConditionalOnMissingBean
    CallerClaims callerClaims(ClaimMapping mapping) {
        return new CallerClaims(mapping);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain supportSecurityFilterChain(HttpSecurity http, CallerClaims callerClaims,
                                                   ProblemSecurityHandlers handlers,
                                                   ObjectProvider<JwtDecoder> decoder,
                                                   Environment environment) throws Exception {
        // Without a key source Boot builds no decoder and the chain below would fail with a bare "no bean" error.
        decoder.getIfAvailable(() -> {
            throw new IllegalStateException("No token verification key: set "
                    + "spring.security.oauth2.resourceserver.jwt.jwk-set-uri (the identity service's JWKS), "
                    + "issuer-uri or public-key-location (an RSA public key PEM)");
        });
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> authorize
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(PUBLIC_PATHS).permitAll()
                        .requestMatchers(openPaths(environment)).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(callerClaims))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers)
                        // Key source out of reach: 503 rather than the default handler's rethrow (a 500).
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <F extends BearerTokenAuthenticationFilter> F postProcess(F filter) {
                                filter.setAuthenticationFailureHandler(handlers);
                                return filter;
                            }
                        }))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers));
        return http.build();
    }

    /**
     * A service's own endpoints reachable without a token ({@code zz.security.open-paths}), e.g. evaluation's residents'
     * rating, whose one-time code is the credential. A token sent there is still verified: a bad one is 401.
     */
    private static String[] openPaths(Environment environment) {
        return Binder.get(environment).bind("zz.security.open-paths", String[].class).orElse(new String[] {"/error"});
    }

    @Bean
    @ConditionalOnMissingBean
    MeController meController() {
        return new MeController();
    }

    @Bean
    WebMvcConfigurer callerArgumentResolverConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }

    /** A {@code Caller} method argument comes from the token, not from the request: keep it out of the API docs. */
    private static void hideCallerFromOpenApi() {
        try {
            Class.forName("org.springdoc.core.utils.SpringDocUtils");
            org.springdoc.core.utils.SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
        } catch (ClassNotFoundException | LinkageError springdocAbsent) {
            // springdoc is optional at runtime.
        }
    }
}
