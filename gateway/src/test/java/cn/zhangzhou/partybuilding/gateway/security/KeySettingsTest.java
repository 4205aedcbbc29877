package cn.zhangzhou.partybuilding.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhangzhou.partybuilding.gateway.GatewayApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The token key is Boot's setting alone, as in the services: its public-key decoder is the one decoder, and with
 * no key source at all the gateway does not start and says what to set.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties =
        "spring.security.oauth2.resourceserver.jwt.public-key-location=classpath:support-test-keys/jwt-public.pem")
class KeySettingsTest {

    @Autowired
    ApplicationContext context;

    @Test
    void bootsPublicKeyDecoderIsTheOneDecoder() {
        assertThat(context.getBeanNamesForType(ReactiveJwtDecoder.class)).containsExactly("jwtDecoderByPublicKeyValue");
    }

    @Test
    void withoutAnyKeySourceTheGatewayDoesNotStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class)
                .run("--server.port=0", "--management.tracing.sampling.probability=0.0"))
                .rootCause().hasMessageContaining("No token verification key")
                .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
    }
}
