package cn.zhangzhou.partybuilding.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Consumer;

import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.security.CallerClaims;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.security.SupportJwtDecoderAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The launcher's {@code keys} and {@code token} commands against the decoder the membership service
 * configures ({@code zz.security.jwt.public-key-location} pointing at the public PEM the launcher wrote).
 */
class TokenCommandTest {

    private static final UUID COMMUNITY = UUID.fromString("9b0d7c1e-0000-4000-8000-000000000001");
    private static final UUID MEMBER = UUID.fromString("9b0d7c1e-0000-4000-8000-000000000002");

    @TempDir
    Path root;

    private final ApplicationContextRunner serviceDecoder = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SupportJwtDecoderAutoConfiguration.class));

    @Test
    void theTokenCommandPrintsAn8HourRs256TokenTheServiceAccepts() throws Exception {
        LocalPlatform.keys(Options.parse("keys", "k"), root);
        assertThat(Files.readString(root.resolve("k/jwt-public.pem"))).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(Files.readString(root.resolve("k/jwt-private.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");

        String token = LocalPlatform.token(Options.parse("token", "--keys-dir", "k", "COMMUNITY_STAFF", "xiangcheng",
                COMMUNITY.toString()), root);

        acceptedWith(root.resolve("k"), token, jwt -> {
            assertThat(jwt.getHeaders().get("alg")).isEqualTo("RS256");
            Caller caller = CallerClaims.caller(jwt.getSubject(), jwt.getClaims());
            assertThat(caller.roles()).containsExactly(Role.COMMUNITY_STAFF);
            assertThat(caller.district()).isEqualTo("xiangcheng");
            assertThat(caller.org()).isEqualTo(COMMUNITY);
            assertThat(caller.member()).isNull();
            assertThat(jwt.hasClaim(Caller.CLAIM_MEMBER)).isFalse();
            assertThat(caller.subject()).isEqualTo("dev-community_staff-xiangcheng");
            assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofHours(8));
        });
    }

    @Test
    void withoutKeysDirTheTokenIsSignedWithTheKeysOfTheDataDirectory() {
        LocalPlatform.keys(Options.parse("keys", "data/keys"), root);
        String token = LocalPlatform.token(Options.parse("token", "--data-dir", "data", "DISTRICT_SYSTEM", "longwen"), root);
        acceptedWith(root.resolve("data/keys"), token, jwt -> {
            Caller caller = CallerClaims.caller(jwt.getSubject(), jwt.getClaims());
            assertThat(caller.roles()).containsExactly(Role.DISTRICT_SYSTEM);
            assertThat(caller.district()).isEqualTo("longwen");
        });
    }

    @Test
    void cityAdminHasNoDistrictAndAMemberTokenCarriesTheMemberAsSubject() {
        LocalPlatform.keys(Options.parse("keys", "k"), root);
        // A district given to CITY_ADMIN is dropped: the city-wide role has none.
        String city = LocalPlatform.token(Options.parse("token", "--keys-dir", "k", "CITY_ADMIN", "xiangcheng"), root);
        acceptedWith(root.resolve("k"), city, jwt -> {
            assertThat(jwt.hasClaim(Caller.CLAIM_DISTRICT)).isFalse();
            assertThat(CallerClaims.caller(jwt.getSubject(), jwt.getClaims()).roles()).containsExactly(Role.CITY_ADMIN);
        });
        String member = LocalPlatform.token(Options.parse("token", "--keys-dir", "k", "MEMBER", "longwen", "-",
                MEMBER.toString()), root);
        acceptedWith(root.resolve("k"), member, jwt -> {
            Caller caller = CallerClaims.caller(jwt.getSubject(), jwt.getClaims());
            assertThat(caller.member()).isEqualTo(MEMBER);
            assertThat(caller.subject()).isEqualTo(MEMBER.toString());
            assertThat(caller.district()).isEqualTo("longwen");
            assertThat(caller.org()).isNull();
        });
    }

    @Test
    void keysKeepsAPairUnlessForcedAndTokensOfAReplacedOrForeignKeyAreRejected() throws Exception {
        LocalPlatform.keys(Options.parse("keys", "k"), root);
        String before = Files.readString(root.resolve("k/jwt-public.pem"));
        String old = LocalPlatform.token(Options.parse("token", "--keys-dir", "k", "DISTRICT_ADMIN", "longwen"), root);
        LocalPlatform.keys(Options.parse("keys", "k"), root);
        assertThat(Files.readString(root.resolve("k/jwt-public.pem"))).isEqualTo(before);
        acceptedWith(root.resolve("k"), old, jwt -> assertThat(jwt.getSubject()).isEqualTo("dev-district_admin-longwen"));

        // A forged payload (another district) under the genuine signature does not verify.
        String[] parts = old.split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("longwen", "xiangcheng").getBytes(StandardCharsets.UTF_8));
        rejectedWith(root.resolve("k"), parts[0] + "." + forgedPayload + "." + parts[2]);

        LocalPlatform.keys(Options.parse("keys", "--force", "k"), root);
        assertThat(Files.readString(root.resolve("k/jwt-public.pem"))).isNotEqualTo(before);
        rejectedWith(root.resolve("k"), old);

        LocalPlatform.keys(Options.parse("keys", "other"), root);
        String foreign = LocalPlatform.token(Options.parse("token", "--keys-dir", "other", "CITY_ADMIN"), root);
        rejectedWith(root.resolve("k"), foreign);
    }

    @Test
    void incompleteOrMalformedRequestsAreRefused() {
        LocalPlatform.keys(Options.parse("keys", "k"), root);
        assertThatThrownBy(() -> token("ROOT", "xiangcheng")).hasMessageContaining("unknown role ROOT");
        assertThatThrownBy(() -> token("DISTRICT_ADMIN")).hasMessageContaining("unknown district");
        assertThatThrownBy(() -> token("DISTRICT_ADMIN", "xiamen")).hasMessageContaining("xiamen");
        assertThatThrownBy(() -> token("STREET_STAFF", "xiangcheng")).hasMessageContaining("organisation");
        assertThatThrownBy(() -> token("STREET_STAFF", "xiangcheng", "-")).hasMessageContaining("organisation");
        assertThatThrownBy(() -> token("COMMUNITY_STAFF", "xiangcheng", "org-1")).hasMessageContaining("org must be a UUID");
        assertThatThrownBy(() -> token("MEMBER", "xiangcheng", COMMUNITY.toString())).hasMessageContaining("member UUID");
        assertThatThrownBy(() -> token("MEMBER", "xiangcheng", "-", "m-1")).hasMessageContaining("member must be a UUID");
    }

    @Test
    void missingOrCorruptKeysAreExplainedAndNoPairIsMadeUp() throws Exception {
        assertThatThrownBy(() -> LocalPlatform.token(Options.parse("token", "--keys-dir", "nope", "CITY_ADMIN"), root))
                .hasMessageContaining("no key pair in").hasMessageContaining("keys <dir>");
        assertThat(root.resolve("nope")).doesNotExist();

        LocalPlatform.keys(Options.parse("keys", "k"), root);
        Files.writeString(root.resolve("k/jwt-private.pem"), "not a key");
        assertThatThrownBy(() -> token("CITY_ADMIN")).hasMessageContaining("BEGIN PRIVATE KEY");
    }

    private String token(String... arguments) {
        String[] args = new String[arguments.length + 3];
        args[0] = "token";
        args[1] = "--keys-dir";
        args[2] = "k";
        System.arraycopy(arguments, 0, args, 3, arguments.length);
        return LocalPlatform.token(Options.parse(args), root);
    }

    private void acceptedWith(Path keys, String token, Consumer<Jwt> assertions) {
        serviceDecoder.withPropertyValues(publicKeyLocation(keys))
                .run(context -> assertions.accept(context.getBean(JwtDecoder.class).decode(token)));
    }

    private void rejectedWith(Path keys, String token) {
        serviceDecoder.withPropertyValues(publicKeyLocation(keys))
                .run(context -> assertThatThrownBy(() -> context.getBean(JwtDecoder.class).decode(token))
                        .isInstanceOf(JwtException.class));
    }

    private static String publicKeyLocation(Path keys) {
        return SupportJwtDecoderAutoConfiguration.PUBLIC_KEY_LOCATION + "=file:" + keys.resolve("jwt-public.pem");
    }
}
