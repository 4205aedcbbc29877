package cn.zhangzhou.partybuilding.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhangzhou.partybuilding.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The offline key option (Boot's {@code spring.security.oauth2.resourceserver.jwt.public-key-location}) against
 * tokens signed with service-testing's key files, as tests and the benchmark use it.
 */
class TokenToolsTest {

    private static final String KEY_LOCATION = "spring.security.oauth2.resourceserver.jwt.public-key-location=file:";

    @TempDir
    Path keyDir;

    private final WebApplicationContextRunner decoderContext = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SupportSecurityAutoConfiguration.class,
                    ServletWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class));

    @Test
    void aTokenSignedWithTheTestKeyFilesIsAcceptedWithItsClaims() {
        UUID community = UUID.randomUUID();
        TestKeys keys = TestKeys.ensure(keyDir);
        String token = keys.signer().sign("worker", Set.of(Role.COMMUNITY_STAFF), "xiangcheng", community, null,
                Duration.ofMinutes(30));
        assertThat(Files.exists(keyDir.resolve(TestKeys.PRIVATE_FILE))).isTrue();

        decoderContext.withPropertyValues(KEY_LOCATION + keys.publicKeyFile())
                .run(context -> {
                    Jwt jwt = context.getBean(JwtDecoder.class).decode(token);
                    Caller caller = CallerClaims.caller(jwt.getSubject(), jwt.getClaims());
                    assertThat(caller.roles()).containsExactly(Role.COMMUNITY_STAFF);
                    assertThat(caller.district()).isEqualTo("xiangcheng");
                    assertThat(caller.org()).isEqualTo(community);
                    assertThat(caller.member()).isNull();
                    assertThat(jwt.getExpiresAt()).isBetween(jwt.getIssuedAt().plusSeconds(29 * 60),
                            jwt.getIssuedAt().plusSeconds(31 * 60));
                });
    }

    @Test
    void testKeysAreCreatedOnceAndReused() throws Exception {
        TestKeys first = TestKeys.ensure(keyDir);
        String publicPem = Files.readString(keyDir.resolve(TestKeys.PUBLIC_FILE));
        TestKeys second = TestKeys.ensure(keyDir);
        assertThat(second.publicKey()).isEqualTo(first.publicKey());
        assertThat(Files.readString(keyDir.resolve(TestKeys.PUBLIC_FILE))).isEqualTo(publicPem);
        assertThat(TestKeys.publicKey(publicPem)).isEqualTo(first.publicKey());
        // A token of the first instance verifies with the key loaded by the second.
        String token = first.signer().sign("u", Set.of(Role.CITY_ADMIN), null, null, null, Duration.ofMinutes(5));
        decoderContext.withPropertyValues(KEY_LOCATION + second.publicKeyFile())
                .run(context -> assertThat(context.getBean(JwtDecoder.class).decode(token).getSubject()).isEqualTo("u"));
    }

    @Test
    void aTokenFromAnotherKeyIsRejectedByTheDecoder() {
        String foreign = TestKeys.ensure(keyDir.resolve("other")).signer()
                .sign("u", Set.of(Role.CITY_ADMIN), null, null, null, Duration.ofMinutes(5));
        TestKeys.ensure(keyDir.resolve("mine"));
        decoderContext.withPropertyValues(KEY_LOCATION + keyDir.resolve("mine").resolve(TestKeys.PUBLIC_FILE))
                .run(context -> assertThatThrownBy(() -> context.getBean(JwtDecoder.class).decode(foreign))
                        .isInstanceOf(JwtException.class));
    }

    @Test
    void anExpiredTokenIsRejected() {
        TestKeys keys = TestKeys.ensure(keyDir);
        java.time.Instant now = java.time.Instant.now();
        String expired = keys.signer().sign("u", java.util.Map.of("roles", java.util.List.of("CITY_ADMIN")),
                now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
        decoderContext.withPropertyValues(KEY_LOCATION + keys.publicKeyFile())
                .run(context -> assertThatThrownBy(() -> context.getBean(JwtDecoder.class).decode(expired))
                        .isInstanceOf(JwtException.class));
    }

    @Test
    void aTokenNotYetValidIsRejected() {
        TestKeys keys = TestKeys.ensure(keyDir);
        java.time.Instant later = java.time.Instant.now().plus(Duration.ofHours(1));
        String early = keys.signer().sign("u", java.util.Map.of("roles", java.util.List.of("CITY_ADMIN")),
                later, later.plus(Duration.ofHours(1)));
        decoderContext.withPropertyValues(KEY_LOCATION + keys.publicKeyFile())
                .run(context -> assertThatThrownBy(() -> context.getBean(JwtDecoder.class).decode(early))
                        .isInstanceOf(JwtException.class).hasMessageContaining("used before"));
    }

    @Test
    void aPublicKeyLocationThatPointsAtNothingStopsTheStart() {
        decoderContext.withPropertyValues(KEY_LOCATION + keyDir.resolve("missing.pem"))
                .run(context -> assertThat(context).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("Public key location does not exist"));
    }

    @Test
    void aPemThatIsNotAPublicKeyStopsTheStart() throws Exception {
        TestKeys.ensure(keyDir);
        decoderContext.withPropertyValues(KEY_LOCATION + keyDir.resolve(TestKeys.PRIVATE_FILE))
                .run(context -> assertThat(context).hasFailed());
    }
}
