package cn.zhangzhou.partybuilding.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Which decoder a service gets, and Spring Security's own 403 as problem JSON. */
class SecurityWiringTest {

    private final WebApplicationContextRunner context = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SupportSecurityAutoConfiguration.class,
                    ServletWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class));

    private static final String KEY_LOCATION = "spring.security.oauth2.resourceserver.jwt.public-key-location=";
    private static final String TEST_KEY = TestTokens.KEY_PROPERTY;

    @Test
    void bootsDecoderWinsWhenAJwkSetUriIsConfigured() {
        context.withPropertyValues("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://idp.invalid/jwks")
                .run(run -> {
                    assertThat(run).hasNotFailed();
                    assertThat(run).hasSingleBean(JwtDecoder.class);
                    assertThat(run).hasBean("jwtDecoderByJwkKeySetUri");
                    // Still our chain (Caller claims, problem JSON), not Boot's default one.
                    assertThat(run).hasBean("supportSecurityFilterChain");
                });
    }

    @Test
    void anotherProvidersClaimsAreMappedByConfigurationAlone() {
        context.withPropertyValues("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://keycloak.invalid/certs",
                        "zz.security.claims.roles=realm_access.roles", "zz.security.claims.district=zz_district",
                        "zz.security.claims.ignore-unknown-roles=true")
                .run(run -> {
                    assertThat(run).hasNotFailed();
                    ClaimMapping mapping = run.getBean(CallerClaims.class).mapping();
                    assertThat(mapping.roles()).isEqualTo("realm_access.roles");
                    assertThat(mapping.district()).isEqualTo("zz_district");
                    assertThat(mapping.org()).isEqualTo("org");
                    assertThat(mapping.ignoreUnknownRoles()).isTrue();
                });
    }

    @Test
    void aMalformedClaimPathStopsTheService() {
        context.withPropertyValues(TEST_KEY, "zz.security.claims.roles=realm_access..roles")
                .run(run -> assertThat(run).hasFailed());
    }

    @Test
    void theDefaultsAreThePlatformsOwnClaimNames() {
        context.withPropertyValues(TEST_KEY)
                .run(run -> assertThat(run.getBean(CallerClaims.class).mapping()).isEqualTo(ClaimMapping.DEFAULT));
    }

    @Test
    void bootsPublicKeyDecoderIsUsedWithTheTestKey() {
        context.withPropertyValues(TEST_KEY)
                .run(run -> assertThat(run).hasSingleBean(JwtDecoder.class).hasBean("jwtDecoderByPublicKeyValue"));
    }

    @Test
    void anUnreadableKeyLocationStopsTheService() {
        context.withPropertyValues(KEY_LOCATION + "file:/nonexistent/jwt-public.pem")
                .run(run -> assertThat(run).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("Public key location does not exist"));
    }

    @Test
    void withoutAnyKeyTheServiceDoesNotStartAndSaysWhatToSet() {
        context.run(run -> assertThat(run).hasFailed().getFailure().rootCause()
                .hasMessageContaining("No token verification key")
                .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"));
    }

    @Test
    void springSecuritysAccessDeniedIsProblemJson() throws Exception {
        @SuppressWarnings("unchecked")
        ObjectProvider<io.micrometer.tracing.Tracer> noTracer = org.mockito.Mockito.mock(ObjectProvider.class);
        MockHttpServletRequest request = new MockHttpServletRequest("DELETE", "/api/v1/organisations/1");
        MockHttpServletResponse response = new MockHttpServletResponse();
        new ProblemSecurityHandlers(noTracer).handle(request, response, new AccessDeniedException("no"));
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
        JsonNode body = JsonMapper.builder().build().readTree(response.getContentAsString());
        assertThat(body.path("detail").asString()).contains("DELETE /api/v1/organisations/1");
        assertThat(body.path("instance").asString()).isEqualTo("/api/v1/organisations/1");
    }
}
