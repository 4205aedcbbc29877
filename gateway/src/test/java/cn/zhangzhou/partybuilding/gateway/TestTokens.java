package cn.zhangzhou.partybuilding.gateway;

import cn.zhangzhou.partybuilding.testing.JwtSigner;
import cn.zhangzhou.partybuilding.testing.TestKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tokens signed with the services' test key pair (service-support's test-jar, {@code support-test-keys/}), so the
 * gateway and the membership services behind it accept the same tokens. Signed by service-testing's
 * {@link JwtSigner} because the test-jar's own TestTokens needs service-support's servlet classes, which must stay
 * off the gateway's classpath.
 */
final class TestTokens {

    static final String PUBLIC_KEY_RESOURCE = "support-test-keys/jwt-public.pem";
    /** Boot's decoder setting for the test key, as the gateway's tests give it. */
    static final String KEY_PROPERTY = "spring.security.oauth2.resourceserver.jwt.public-key-location=classpath:"
            + PUBLIC_KEY_RESOURCE;
    private static final JwtSigner SIGNER = new JwtSigner(TestKeys.privateKey(read("support-test-keys/jwt-private.pem")));
    private static final JwtSigner OTHER_SIGNER = new JwtSigner((RSAPrivateKey) TestKeys.generate().getPrivate());

    private TestTokens() {
    }

    static String districtAdmin(String district) {
        return sign(SIGNER, "admin@" + district + "/" + UUID.randomUUID(),
                Map.of("roles", List.of("DISTRICT_ADMIN"), "district", district), Duration.ofHours(1));
    }

    static String districtAdmin(String subject, String district) {
        return sign(SIGNER, subject, Map.of("roles", List.of("DISTRICT_ADMIN"), "district", district),
                Duration.ofHours(1));
    }

    static String cityAdmin() {
        return sign(SIGNER, "city-admin", Map.of("roles", List.of("CITY_ADMIN")), Duration.ofHours(1));
    }

    static String expired(String district) {
        return sign(SIGNER, "late@" + district, Map.of("roles", List.of("DISTRICT_ADMIN"), "district", district),
                Duration.ofHours(-1));
    }

    static String signedByOtherKey(String district) {
        return sign(OTHER_SIGNER, "forger", Map.of("roles", List.of("CITY_ADMIN"), "district", district),
                Duration.ofHours(1));
    }

    static String withClaims(String subject, Map<String, Object> claims) {
        return sign(SIGNER, subject, claims, Duration.ofHours(1));
    }

    /** A negative ttl makes a token that expired that long ago (issued an hour before that). */
    private static String sign(JwtSigner signer, String subject, Map<String, Object> claims, Duration ttl) {
        Instant expires = Instant.now().plus(ttl);
        Instant issued = ttl.isNegative() ? expires.minus(Duration.ofHours(1)) : Instant.now();
        return signer.sign(subject, claims, issued, expires);
    }

    static String read(String resource) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath (service-support's test-jar)");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
