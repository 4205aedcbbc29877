package cn.zhangzhou.partybuilding.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Boot's own JWT key setting wins over {@code zz.security.jwt.public-key-location} (which application.yml always
 * sets): here the zz key file does not exist, so the context would not start if the zz decoder were built.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "zz.security.jwt.public-key-location=file:/nonexistent/jwt-public.pem",
        "spring.security.oauth2.resourceserver.jwt.public-key-location=classpath:support-test-keys/jwt-public.pem"})
class KeySettingsTest {

    @Autowired
    ApplicationContext context;

    @Test
    void bootsKeySettingWins() {
        assertThat(context.getBeanNamesForType(ReactiveJwtDecoder.class)).doesNotContain("zzPublicKeyJwtDecoder")
                .hasSize(1);
    }
}
