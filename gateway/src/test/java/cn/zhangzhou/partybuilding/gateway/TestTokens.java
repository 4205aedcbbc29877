package cn.zhangzhou.partybuilding.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tokens signed with the services' test key pair (service-support's test-jar, {@code support-test-keys/}), so the
 * gateway and the membership services behind it accept the same tokens. Signed here with Nimbus because the
 * test-jar's own TestTokens needs service-support's servlet classes, which must stay off the gateway's classpath.
 */
final class TestTokens {

    static final String PUBLIC_KEY_RESOURCE = "support-test-keys/jwt-public.pem";
    private static final PrivateKey KEY = privateKey(read("support-test-keys/jwt-private.pem"));
    private static final PrivateKey OTHER_KEY = otherKey();

    private TestTokens() {
    }

    static String districtAdmin(String district) {
        return sign(KEY, "admin@" + district + "/" + UUID.randomUUID(),
                Map.of("roles", List.of("DISTRICT_ADMIN"), "district", district), Duration.ofHours(1));
    }

    static String districtAdmin(String subject, String district) {
        return sign(KEY, subject, Map.of("roles", List.of("DISTRICT_ADMIN"), "district", district), Duration.ofHours(1));
    }

    static String cityAdmin() {
        return sign(KEY, "city-admin", Map.of("roles", List.of("CITY_ADMIN")), Duration.ofHours(1));
    }

    static String expired(String district) {
        return sign(KEY, "late@" + district, Map.of("roles", List.of("DISTRICT_ADMIN"), "district", district),
                Duration.ofHours(-1));
    }

    static String signedByOtherKey(String district) {
        return sign(OTHER_KEY, "forger", Map.of("roles", List.of("CITY_ADMIN"), "district", district), Duration.ofHours(1));
    }

    static String withClaims(String subject, Map<String, Object> claims) {
        return sign(KEY, subject, claims, Duration.ofHours(1));
    }

    /** A negative ttl makes a token that expired that long ago (issued an hour before that). */
    private static String sign(PrivateKey key, String subject, Map<String, Object> claims, Duration ttl) {
        Instant now = Instant.now();
        Instant expires = now.plus(ttl);
        Instant issued = ttl.isNegative() ? expires.minus(Duration.ofHours(1)) : now;
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().subject(subject).issueTime(Date.from(issued))
                .expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString());
        claims.forEach(set::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), set.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
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

    private static PrivateKey privateKey(String pem) {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("not an RSA PKCS#8 key", e);
        }
    }

    private static PrivateKey otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
