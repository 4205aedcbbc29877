package cn.zhangzhou.partybuilding.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import cn.zhangzhou.partybuilding.embedded.ProcessJar;
import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.local.IdentityClient.LoginRefusedException;
import cn.zhangzhou.partybuilding.local.WishesLoader.Caller;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.platform.RepositoryRoot;
import cn.zhangzhou.partybuilding.platform.ServiceProcess;
import cn.zhangzhou.partybuilding.support.security.CallerClaims;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.testing.EventFeed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The launcher's tokens against the real identity service (its jar as a child process on real PostgreSQL,
 * configured as the launcher configures it): the login form with PKCE, users created through the admin API,
 * client credentials, the {@code token} command, caching and renewal. Tokens are checked the way every service
 * checks them: against identity's JWKS with its issuer.
 */
class IdentityClientTest {

    private static final Path ROOT = RepositoryRoot.require(Path.of("").toAbsolutePath());
    private static ServiceProcess identity;
    private static String url;
    private static NimbusJwtDecoder decoder;
    @TempDir
    static Path dataDir;

    @BeforeAll
    static void startIdentity() {
        Path jar = ROOT.resolve(PlatformService.IDENTITY.jar());
        assertThat(jar).as("build identity first: mvn -B -DskipTests -pl services/identity -am package").exists();
        int port = freePort();
        url = "http://localhost:" + port;
        Map<String, String> configuration = new LinkedHashMap<>(ServiceConfiguration.of(
                PlatformService.IDENTITY.instance(), TestInfrastructure.newDatabase("identity"), null,
                new DemoSecrets(dataDir), List.of(), ConnectionBudget.POOL_CAP));
        configuration.put("server.port", String.valueOf(port));
        configuration.put("zz.identity.issuer", url);
        configuration.put("spring.datasource.username", TestInfrastructure.postgresUser());
        configuration.put("spring.datasource.password", TestInfrastructure.postgresPassword());
        configuration.put("spring.kafka.bootstrap-servers", TestInfrastructure.kafkaBootstrapServers());
        configuration.put("spring.kafka.consumer.group-id", "identity-" + UUID.randomUUID());
        Map<String, String> env = ServiceConfiguration.environment(configuration);
        identity = ServiceProcess.start("identity", ProcessJar.besideJar(jar), ROOT, port, env,
                List.of("-XX:TieredStopAtLevel=1"), dataDir.resolve("identity.log"));
        identity.awaitReady(Instant.now().plus(Duration.ofMinutes(4)));
        decoder = NimbusJwtDecoder.withJwkSetUri(url + "/oauth2/jwks").build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(url));
    }

    @AfterAll
    static void stopIdentity() {
        if (identity != null) {
            identity.close();
        }
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static LocalPlatform.Token tokenCommand(String... args) {
        return (LocalPlatform.Token) LocalPlatform.parse(args);
    }

    private TokenSource tokens(Path data, Clock clock) {
        return new TokenSource(new IdentityClient(url), new DemoSecrets(data), (d, org) -> "CM001", clock);
    }

    @Test
    void theBootstrapAdminSignsInThroughTheLoginFormAndAWrongPasswordIsRefused() {
        IdentityClient client = new IdentityClient(url);
        IdentityClient.AccessToken token = client.signIn("admin", new DemoSecrets(dataDir).adminPassword());
        Jwt jwt = decoder.decode(token.value());
        assertThat(jwt.getSubject()).isEqualTo("admin");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("CITY_ADMIN");
        // The launcher asks for the longest lifetime identity allows.
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofHours(1));
        assertThat(token.expiresAt()).isBetween(Instant.now().plus(Duration.ofMinutes(55)),
                Instant.now().plus(Duration.ofMinutes(61)));

        assertThatThrownBy(() -> client.signIn("admin", "not-the-password-at-all"))
                .isInstanceOf(LoginRefusedException.class).hasMessageContaining("admin");
        assertThatThrownBy(() -> client.signIn("nobody-here", "whatever-password"))
                .isInstanceOf(LoginRefusedException.class);
    }

    @Test
    void demoUsersAreCreatedOnFirstNeedWithTheirScopeAndTheirTokensReusedUntilShortlyBeforeExpiry() {
        UUID community = UUID.randomUUID();
        Instant start = Instant.now();
        AtomicReference<Instant> now = new AtomicReference<>(start);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        TokenSource tokens = tokens(dataDir, clock);
        Caller staff = new Caller(Role.COMMUNITY_STAFF, community, null);
        String first = tokens.token("xiangcheng", staff);
        Jwt jwt = decoder.decode(first);
        assertThat(jwt.getSubject()).isEqualTo("xiangcheng-staff-cm001");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("COMMUNITY_STAFF");
        assertThat(jwt.getClaimAsString("district")).isEqualTo("xiangcheng");
        assertThat(jwt.getClaimAsString("org")).isEqualTo(community.toString());
        // What every service makes of it.
        assertThat(CallerClaims.caller(jwt.getSubject(), jwt.getClaims()).isStaffOf("xiangcheng")).isTrue();

        assertThat(tokens.token("xiangcheng", staff)).isEqualTo(first);
        now.set(start.plus(Duration.ofMinutes(50)));
        assertThat(tokens.token("xiangcheng", staff)).isEqualTo(first);
        // Less than the renewal margin left: a new sign-in.
        now.set(start.plus(Duration.ofMinutes(59)));
        assertThat(tokens.token("xiangcheng", staff)).isNotEqualTo(first);

        // Another run (a fresh cache) finds the user there already (409) and signs in with the same password.
        String again = tokens(dataDir, Clock.systemUTC()).token("xiangcheng", staff);
        assertThat(decoder.decode(again).getSubject()).isEqualTo("xiangcheng-staff-cm001");
    }

    @Test
    void aMemberTokenCarriesTheMemberAndTheTokenCommandSignsInByUsername() {
        UUID member = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
        // Identity binds the account only to a member the district registered (decision 0016); the launcher waits
        // for the event, as it does here.
        EventFeed.send("longwen", "membership", MembershipEvents.MEMBER_REGISTERED, new MemberRegistered(member,
                UUID.randomUUID(), "longwen", null, MemberCategory.IN_SERVICE, List.of(), null, false));
        String token = tokens(dataDir, Clock.systemUTC()).token("longwen", new Caller(Role.MEMBER, null, member));
        Jwt jwt = decoder.decode(token);
        assertThat(jwt.getSubject()).isEqualTo("member-7c9e6679");
        assertThat(jwt.getClaimAsString("member")).isEqualTo(member.toString());
        assertThat(jwt.getClaimAsString("district")).isEqualTo("longwen");

        Path root = dataDir.getParent();
        Jwt printed = decoder.decode(tokenCommand("token", "--data-dir", dataDir.toString(), "member-7c9e6679")
                .token(root, url));
        assertThat(printed.getSubject()).isEqualTo("member-7c9e6679");
        assertThat(printed.getClaimAsStringList("roles")).containsExactly("MEMBER");

        Jwt admin = decoder.decode(tokenCommand("token", "--data-dir", dataDir.toString(), "admin").token(root, url));
        assertThat(admin.getClaimAsStringList("roles")).containsExactly("CITY_ADMIN");
        assertThatThrownBy(() -> tokenCommand("token", "--data-dir", dataDir.toString(),
                "xiangcheng-nobody").token(root, url)).isInstanceOf(LoginRefusedException.class);
    }

    @Test
    void aDistrictSystemIsRegisteredOnceItsSecretKeptAndTheCommandUsesClientCredentials() throws Exception {
        TokenSource tokens = tokens(dataDir, Clock.systemUTC());
        Jwt system = decoder.decode(tokens.system("zhangpu"));
        assertThat(system.getClaimAsStringList("roles")).containsExactly("DISTRICT_SYSTEM");
        assertThat(system.getClaimAsString("district")).isEqualTo("zhangpu");
        String clientId = new DemoSecrets(dataDir).client("zhangpu").orElseThrow().clientId();
        assertThat(system.getSubject()).isEqualTo(clientId).startsWith("sys-zhangpu-");

        Jwt printed = decoder.decode(tokenCommand("token", "--data-dir", dataDir.toString(),
                "--client", "zhangpu").token(dataDir.getParent(), url));
        assertThat(printed.getSubject()).isEqualTo(clientId);

        // A kept secret identity does not know (its database was reset): refused, and TokenSource registers anew.
        Files.writeString(dataDir.resolve("identity-clients/zhangpu"), clientId + "\nwrong-secret\n");
        assertThatThrownBy(() -> tokenCommand("token", "--data-dir", dataDir.toString(),
                "--client", "zhangpu").token(dataDir.getParent(), url)).isInstanceOf(LoginRefusedException.class);
        Jwt renewed = decoder.decode(tokens(dataDir, Clock.systemUTC()).system("zhangpu"));
        assertThat(renewed.getSubject()).startsWith("sys-zhangpu-").isNotEqualTo(clientId);
        assertThatThrownBy(() -> tokenCommand("token", "--data-dir", dataDir.toString(),
                "--client", "longhai").token(dataDir.getParent(), url)).hasMessageContaining("no client of longhai");
    }

    @Test
    void aDemoUserWhosePasswordNoLongerMatchesIsResetByTheAdminAndSignsIn(@TempDir Path otherData) throws Exception {
        // Same identity, a data directory whose demo password differs: the user exists with the old password.
        Files.writeString(otherData.resolve(DemoSecrets.ADMIN_PASSWORD_FILE), new DemoSecrets(dataDir).adminPassword());
        tokens(dataDir, Clock.systemUTC()).districtAdmin("longhai");
        String token = tokens(otherData, Clock.systemUTC()).districtAdmin("longhai");
        assertThat(decoder.decode(token).getSubject()).isEqualTo("longhai-admin");
        assertThatThrownBy(() -> new IdentityClient(url).signIn("longhai-admin", new DemoSecrets(dataDir).demoPassword()))
                .isInstanceOf(LoginRefusedException.class);
    }
}
