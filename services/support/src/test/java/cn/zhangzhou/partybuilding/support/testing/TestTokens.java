package cn.zhangzhou.partybuilding.support.testing;

import cn.zhangzhou.partybuilding.support.security.CallerClaims;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.testing.JwtSigner;
import cn.zhangzhou.partybuilding.testing.TestKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Tokens for the tests of every service, signed with a fixed test key pair that lives in this test-jar
 * ({@code support-test-keys/}; test-only, never used outside tests) by service-testing's {@link JwtSigner}.
 *
 * <p>How a service test wires it: depend on
 * <pre>{@code
 * <dependency>
 *   <groupId>cn.zhangzhou.partybuilding</groupId>
 *   <artifactId>service-support</artifactId>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 * <dependency>
 *   <groupId>cn.zhangzhou.partybuilding</groupId>
 *   <artifactId>service-testing</artifactId>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 * and point the decoder at the public key on the test classpath:
 * <pre>{@code
 * @SpringBootTest(webEnvironment = RANDOM_PORT, properties = TestTokens.KEY_PROPERTY)
 * class OrganisationApiTest {
 *     // ... request.header("Authorization", "Bearer " + TestTokens.token(Role.DISTRICT_ADMIN, "xiangcheng", null, null))
 * }
 * }</pre>
 * ({@code KEY_PROPERTY} is Boot's {@code spring.security.oauth2.resourceserver.jwt.public-key-location} set to
 * {@code classpath:support-test-keys/jwt-public.pem}; a command-line argument {@code "--" + KEY_PROPERTY}, a
 * {@code @DynamicPropertySource} or {@code src/test/resources/application.properties} line works the same way.)
 */
public final class TestTokens {

    /** The test public key as a Spring resource. */
    public static final String PUBLIC_KEY_LOCATION = "classpath:support-test-keys/jwt-public.pem";
    /** Boot's decoder setting for the test key: a service under test trusts the tokens signed here. */
    public static final String KEY_PROPERTY = "spring.security.oauth2.resourceserver.jwt.public-key-location="
            + PUBLIC_KEY_LOCATION;

    private static final Duration TTL = Duration.ofHours(1);
    private static final String PUBLIC_PEM = read("support-test-keys/jwt-public.pem");
    private static final JwtSigner SIGNER = new JwtSigner(TestKeys.privateKey(read("support-test-keys/jwt-private.pem")));
    /** A key no service trusts: a fresh one per JVM. */
    private static final JwtSigner OTHER_SIGNER = otherSigner();

    private TestTokens() {
    }

    public static String publicKeyPem() {
        return PUBLIC_PEM;
    }

    /** A valid token for one role; district/org/member may be null where the role does not need them. */
    public static String token(Role role, String district, UUID org, UUID member) {
        return token(subject(role, district, org, member), EnumSet.of(role), district, org, member);
    }

    /** A valid token with any subject and roles. The claims must make a valid caller (checked here, to fail early). */
    public static String token(String subject, Set<Role> roles, String district, UUID org, UUID member) {
        CallerClaims.caller(subject, JwtSigner.claims(roles, district, org, member));
        return SIGNER.sign(subject, roles, district, org, member, TTL);
    }

    /** Signed by the test key but expired an hour ago (well beyond the decoder's clock skew). */
    public static String expired(Role role, String district, UUID org, UUID member) {
        Instant now = Instant.now();
        return SIGNER.sign(subject(role, district, org, member), JwtSigner.claims(EnumSet.of(role), district, org, member),
                now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
    }

    /** Well-formed and current, but signed by a key the services do not trust. */
    public static String signedByOtherKey(Role role, String district, UUID org, UUID member) {
        return OTHER_SIGNER.sign(subject(role, district, org, member), EnumSet.of(role), district, org, member, TTL);
    }

    /** A valid signature over arbitrary claims (for tests of malformed claims such as an unknown role). */
    public static String withClaims(String subject, Map<String, Object> claims) {
        Instant now = Instant.now();
        return SIGNER.sign(subject, claims, now, now.plus(TTL));
    }

    private static String subject(Role role, String district, UUID org, UUID member) {
        StringBuilder subject = new StringBuilder("test-").append(role.name().toLowerCase(Locale.ROOT));
        if (district != null) {
            subject.append('@').append(district);
        }
        if (org != null) {
            subject.append("/org:").append(org);
        }
        if (member != null) {
            subject.append("/member:").append(member);
        }
        return subject.toString();
    }

    private static JwtSigner otherSigner() {
        KeyPair pair = TestKeys.generate();
        return new JwtSigner((RSAPrivateKey) pair.getPrivate());
    }

    private static String read(String resource) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test key missing from the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
