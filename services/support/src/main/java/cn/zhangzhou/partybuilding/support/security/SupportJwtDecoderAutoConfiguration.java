package cn.zhangzhou.partybuilding.support.security;

import cn.zhangzhou.partybuilding.support.token.PemKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The token decoder when Boot has none: Boot's wins whenever
 * {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}, {@code issuer-uri} or {@code public-key-location}
 * is set (hence "after"). Otherwise RS256 with the RSA public key PEM at {@code zz.security.jwt.public-key-location}
 * (any Spring resource: {@code file:/keys/jwt-public.pem}, {@code classpath:...}). exp and nbf are validated.
 */
@AutoConfiguration(after = OAuth2ResourceServerAutoConfiguration.class)
@ConditionalOnClass(NimbusJwtDecoder.class)
public class SupportJwtDecoderAutoConfiguration {

    public static final String PUBLIC_KEY_LOCATION = "zz.security.jwt.public-key-location";

    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder supportJwtDecoder(Environment environment, ResourceLoader resourceLoader) throws IOException {
        String location = environment.getProperty(PUBLIC_KEY_LOCATION);
        if (location == null || location.isBlank()) {
            throw new IllegalStateException("No token verification key: set " + PUBLIC_KEY_LOCATION
                    + " (e.g. file:/keys/jwt-public.pem) or spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
        }
        Resource resource = resourceLoader.getResource(location);
        if (!resource.exists()) {
            throw new IllegalStateException(PUBLIC_KEY_LOCATION + " points at nothing: " + location);
        }
        String pem;
        try (InputStream in = resource.getInputStream()) {
            pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(PemKeys.publicKey(pem))
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(JwtValidators.createDefault());
        return decoder;
    }
}
