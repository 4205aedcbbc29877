package cn.zhangzhou.partybuilding.support.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.security.CallerClaims;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.security.SupportJwtDecoderAutoConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** DevKeys, JwtSigner and DevTokenCommand against the decoder the services configure. */
class TokenToolsTest {

    @TempDir
    Path keyDir;

    private final ApplicationContextRunner decoderContext = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SupportJwtDecoderAutoConfiguration.class));

    @Test
    void theDevTokenCommandPrintsATokenTheServiceDecoderAccepts() {
        UUID community = UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DevTokenCommand.run(new String[] {keyDir.toString(), "community_staff", "xiangcheng",
                community.toString(), "-", "30"}, new PrintStream(out), new PrintStream(err));
        assertThat(status).as(err.toString()).isZero();
        String token = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(Files.exists(keyDir.resolve(DevKeys.PRIVATE_FILE))).isTrue();

        decoderContext.withPropertyValues("zz.security.jwt.public-key-location=file:" + keyDir.resolve(DevKeys.PUBLIC_FILE))
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
    void devKeysAreCreatedOnceAndReused() throws Exception {
        DevKeys first = DevKeys.ensure(keyDir);
        String publicPem = Files.readString(keyDir.resolve(DevKeys.PUBLIC_FILE));
        DevKeys second = DevKeys.ensure(keyDir);
        assertThat(second.publicKey()).isEqualTo(first.publicKey());
        assertThat(Files.readString(keyDir.resolve(DevKeys.PUBLIC_FILE))).isEqualTo(publicPem);
        // A token of the first instance verifies with the key loaded by the second.
        String token = first.signer().sign("u", Set.of(Role.CITY_ADMIN), null, null, null, java.time.Duration.ofMinutes(5));
        decoderContext.withPropertyValues("zz.security.jwt.public-key-location=file:" + second.publicKeyFile())
                .run(context -> assertThat(context.getBean(JwtDecoder.class).decode(token).getSubject()).isEqualTo("u"));
    }

    @Test
    void replaceWritesANewPairAndOldTokensStopVerifying() throws Exception {
        assertThat(DevKeys.present(keyDir)).isFalse();
        DevKeys first = DevKeys.ensure(keyDir);
        assertThat(DevKeys.present(keyDir)).isTrue();
        String old = first.signer().sign("u", Set.of(Role.CITY_ADMIN), null, null, null, java.time.Duration.ofMinutes(5));
        DevKeys second = DevKeys.replace(keyDir);
        assertThat(second.publicKey()).isNotEqualTo(first.publicKey());
        assertThat(DevKeys.ensure(keyDir).publicKey()).isEqualTo(second.publicKey());
        // No temporary files are left behind next to the pair.
        try (var files = Files.list(keyDir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder(DevKeys.PRIVATE_FILE, DevKeys.PUBLIC_FILE);
        }
        decoderContext.withPropertyValues("zz.security.jwt.public-key-location=file:" + second.publicKeyFile())
                .run(context -> assertThatThrownBy(() -> context.getBean(JwtDecoder.class).decode(old))
                        .isInstanceOf(JwtException.class));
    }

    @Test
    void aTokenFromAnotherKeyIsRejectedByTheDecoder() {
        String foreign = DevKeys.ensure(keyDir.resolve("other")).signer()
                .sign("u", Set.of(Role.CITY_ADMIN), null, null, null, java.time.Duration.ofMinutes(5));
        DevKeys.ensure(keyDir.resolve("mine"));
        decoderContext.withPropertyValues("zz.security.jwt.public-key-location=file:" + keyDir.resolve("mine").resolve(DevKeys.PUBLIC_FILE))
                .run(context -> assertThatThrownBy(() -> context.getBean(JwtDecoder.class).decode(foreign))
                        .isInstanceOf(JwtException.class));
    }

    @Test
    void theCommandRefusesBadArguments() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(DevTokenCommand.run(new String[] {keyDir.toString(), "KING"}, new PrintStream(out), new PrintStream(err)))
                .isEqualTo(2);
        assertThat(DevTokenCommand.run(new String[] {keyDir.toString()}, new PrintStream(out), new PrintStream(err)))
                .isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("usage");
    }

    @Test
    void withoutAnyKeyConfiguredTheServiceDoesNotStart() {
        decoderContext.run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("zz.security.jwt.public-key-location"));
    }
}
