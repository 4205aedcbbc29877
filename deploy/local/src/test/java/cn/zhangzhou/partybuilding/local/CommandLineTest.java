package cn.zhangzhou.partybuilding.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.Districts;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.platform.PlatformService.Instance;
import cn.zhangzhou.partybuilding.support.security.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import static cn.zhangzhou.partybuilding.platform.PlatformService.DASHBOARD;
import static cn.zhangzhou.partybuilding.platform.PlatformService.GATEWAY;
import static cn.zhangzhou.partybuilding.platform.PlatformService.IDENTITY;
import static cn.zhangzhou.partybuilding.platform.PlatformService.MEMBERSHIP;
import static cn.zhangzhou.partybuilding.platform.PlatformService.VOLUNTEERING;
import static cn.zhangzhou.partybuilding.platform.PlatformService.WISHES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {

    @TempDir
    Path dir;

    private static LocalPlatform.Run run(String... args) {
        return (LocalPlatform.Run) LocalPlatform.parse(args);
    }

    @Test
    void runIsTheDefaultWithTheTwoArticleDistrictsAndZhangpuAndTheDotLocalDataDirectory() {
        assertThat(LocalPlatform.parse()).isInstanceOf(LocalPlatform.Run.class);
        LocalPlatform.Run o = run();
        assertThat(o.reset()).isFalse();
        assertThat(o.dataDir()).isEqualTo(".local");
        // zhangpu: its wishes service replays 绥安镇城西社区 2015 (150 claimed, 35 helped) in the default run.
        assertThat(o.districts()).containsExactly("xiangcheng", "longwen", "zhangpu");
    }

    @Test
    void districtsFollowDomainOrderAndAllMeansEleven() {
        assertThat(run("run", "--reset", "--districts", "longwen,xiangcheng", "--data-dir", "/tmp/x"))
                .satisfies(o -> {
                    assertThat(o.reset()).isTrue();
                    assertThat(o.districts()).containsExactly("xiangcheng", "longwen");
                    assertThat(o.dataDir()).isEqualTo("/tmp/x");
                });
        assertThat(run("--districts", "all").districts()).isEqualTo(Districts.IDS);
        assertThatThrownBy(() -> LocalPlatform.parse("--districts", "xiangcheng,xiamen")).hasMessageContaining("xiamen");
    }

    @Test
    void badCommandLinesAreRefused() {
        // Each refused by picocli with a message that names what is wrong.
        assertThatThrownBy(() -> LocalPlatform.parse("start")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("Unmatched argument").hasMessageContaining("'start'");
        assertThatThrownBy(() -> LocalPlatform.parse("run", "--fast")).hasMessageContaining("Unknown option: '--fast'");
        assertThatThrownBy(() -> LocalPlatform.parse("run", "--data-dir"))
                .hasMessageContaining("Missing required parameter for option '--data-dir'");
        assertThatThrownBy(() -> LocalPlatform.parse("token")).hasMessageContaining("Missing required argument")
                .hasMessageContaining("<username>").hasMessageContaining("--client");
        assertThatThrownBy(() -> LocalPlatform.parse("token", "a", "b")).hasMessageContaining("'b'");
        // A username besides --client is one argument too many.
        assertThatThrownBy(() -> LocalPlatform.parse("token", "--client", "xiangcheng", "admin"))
                .hasMessageContaining("Unmatched argument").hasMessageContaining("'admin'");
        assertThatThrownBy(() -> LocalPlatform.parse("token", "--client", "xiamen")).hasMessageContaining("xiamen");
        assertThatThrownBy(() -> LocalPlatform.parse("run", "--client", "xiangcheng"))
                .hasMessageContaining("Unknown options: '--client'");
        // The dev-token commands of the foundation are gone: the launcher signs nothing.
        assertThatThrownBy(() -> LocalPlatform.parse("keys", "dir")).hasMessageContaining("'keys'");
        assertThatThrownBy(() -> LocalPlatform.parse("token", "--keys-dir", "k", "CITY_ADMIN"))
                .hasMessageContaining("--keys-dir");
    }

    @Test
    void tokenTakesAUsernameOrADistrictsClient() {
        LocalPlatform.Token user = (LocalPlatform.Token) LocalPlatform.parse("token", "--data-dir", "/tmp/d", "xiangcheng-admin");
        assertThat(user.username()).isEqualTo("xiangcheng-admin");
        assertThat(user.client()).isNull();
        assertThat(user.dataDir).isEqualTo("/tmp/d");
        LocalPlatform.Token system = (LocalPlatform.Token) LocalPlatform.parse("token", "--client", "longwen");
        assertThat(system.client()).isEqualTo("longwen");
        assertThat(system.username()).isNull();
        assertThat(system.dataDir).isEqualTo(".local");
        String usage = new CommandLine(new LocalPlatform()).getSubcommands().get("token").getUsageMessage();
        assertThat(usage).contains("--data-dir=<dir>").contains("--client=<district>").contains("<username>")
                .doesNotContain("keys");
    }

    /** What a service in its own JVM gets: the configuration as environment variables. */
    private static Map<String, String> environment(Instance instance, String jdbcUrl, String kafka, DemoSecrets secrets,
                                                   List<String> districts) {
        return ServiceConfiguration.environment(ServiceConfiguration.of(instance, jdbcUrl, kafka, secrets, districts, 8));
    }

    @Test
    void theServiceEnvironmentIsTheOneOfTheApiContractAndTrustsIdentitysKeys() {
        var env = environment(MEMBERSHIP.in("longwen"), "jdbc:postgresql://localhost:15432/membership_longwen",
                "localhost:9092", new DemoSecrets(dir), List.of("longwen"));
        assertThat(env).containsEntry("ZZ_DISTRICT", "longwen")
                .containsEntry("ZZ_SERVICE", "membership")
                .containsEntry("SERVER_PORT", "8082")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:15432/membership_longwen")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
                .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", "http://localhost:9000/oauth2/jwks")
                .doesNotContainKey("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION")
                .containsKeys("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");
        assertThat(environment(WISHES.in("zhangpu"), "jdbc:postgresql://localhost:15432/wishes_zhangpu",
                "localhost:9092", new DemoSecrets(dir), List.of("zhangpu")))
                .containsEntry("SERVER_PORT", "8185")
                .containsEntry("ZZ_WISHES_REPLAY_CLOCK", "true")
                .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", "http://localhost:9000/oauth2/jwks")
                .doesNotContainKey("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION");
    }

    /** Decision 0036: the demo data's trickle reaches every consumer group of the machine in batches. */
    @Test
    void everyServiceThatConsumesFetchesInBatchesOnThisMachine() {
        DemoSecrets secrets = new DemoSecrets(dir);
        for (Instance consumer : List.of(MEMBERSHIP.in("longwen"), IDENTITY.instance(), DASHBOARD.instance())) {
            assertThat(environment(consumer, "jdbc:postgresql://localhost:15432/x", "localhost:9092", secrets,
                    List.of("longwen")))
                    .as(consumer.name())
                    .containsEntry("SPRING_KAFKA_CONSUMER_FETCH_MIN_SIZE", "64KB")
                    .containsEntry("SPRING_KAFKA_CONSUMER_FETCH_MAX_WAIT", "500ms");
        }
        assertThat(environment(GATEWAY.instance(), null, "localhost:9092", secrets, List.of("longwen")))
                .doesNotContainKeys("SPRING_KAFKA_CONSUMER_FETCH_MIN_SIZE", "SPRING_KAFKA_CONSUMER_FETCH_MAX_WAIT");
    }

    @Test
    void volunteeringGetsTheCheckInKeyGeneratedIntoTheDataDirectoryNotItsDevelopmentDefault() {
        DemoSecrets secrets = new DemoSecrets(dir);
        var env = environment(VOLUNTEERING.in("xiangcheng"), "jdbc:postgresql://localhost:15432/volunteering_xiangcheng",
                "localhost:9092", secrets, List.of("xiangcheng"));
        assertThat(env).containsEntry("SERVER_PORT", "8281")
                .containsEntry("ZZ_VOLUNTEERING_CHECK_IN_SECRET", secrets.checkInSecret());
        assertThat(secrets.checkInSecret()).hasSizeGreaterThanOrEqualTo(32).doesNotContain("local-development-only");
        assertThat(dir.resolve(DemoSecrets.CHECK_IN_SECRET_FILE)).exists();
        // The same key after a restart: codes shown before it stay valid for their window.
        assertThat(new DemoSecrets(dir).checkInSecret()).isEqualTo(secrets.checkInSecret());
    }

    @Test
    void identityGetsItsDatabaseIssuerAndTheGeneratedSecretsOfTheDataDirectory() {
        DemoSecrets secrets = new DemoSecrets(dir);
        var env = environment(IDENTITY.instance(), "jdbc:postgresql://localhost:15432/identity", "localhost:9092",
                secrets, List.of("xiangcheng"));
        assertThat(env).containsEntry("SERVER_PORT", "9000")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:15432/identity")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
                .containsEntry("ZZ_IDENTITY_ISSUER", "http://localhost:9000")
                .containsEntry("ZZ_IDENTITY_BOOTSTRAP_ADMIN_USERNAME", "admin")
                .containsEntry("ZZ_IDENTITY_BOOTSTRAP_ADMIN_PASSWORD", secrets.adminPassword())
                .containsEntry("ZZ_IDENTITY_KEYS_ENCRYPTION_SECRET", secrets.keysEncryptionSecret())
                // It issues the tokens, so it does not verify them with a JWKS; it reads membership events
                // for the member binding check (decision 0016), so it does talk to Kafka.
                .doesNotContainKey("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI");
        assertThat(dir.resolve(DemoSecrets.ADMIN_PASSWORD_FILE)).exists();
        // Not the development default of identity's application.yaml.
        assertThat(secrets.keysEncryptionSecret()).doesNotContain("local-development-only");
    }

    @Test
    void theGatewayRoutesEveryStartedDistrictsServicesAndTrustsIdentitysKeys() {
        var env = environment(GATEWAY.instance(), null, "localhost:9092", new DemoSecrets(dir),
                List.of("longwen", "zhangpu"));
        assertThat(env).containsEntry("SERVER_PORT", "8080")
                .containsEntry("ZZ_GATEWAY_DISTRICTS_LONGWEN_MEMBERSHIP", "http://localhost:8082")
                .containsEntry("ZZ_GATEWAY_DISTRICTS_LONGWEN_WISHES", "http://localhost:8182")
                .containsEntry("ZZ_GATEWAY_DISTRICTS_ZHANGPU_MEMBERSHIP", "http://localhost:8085")
                .containsEntry("ZZ_GATEWAY_DISTRICTS_ZHANGPU_WISHES", "http://localhost:8185")
                .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", "http://localhost:9000/oauth2/jwks")
                .doesNotContainKey("ZZ_GATEWAY_DISTRICTS_XIANGCHENG_MEMBERSHIP")
                .doesNotContainKeys("SPRING_DATASOURCE_URL", "ZZ_DISTRICT");
        // One route per district service of the table and started district, on the table's port.
        assertThat(env.keySet().stream().filter(k -> k.startsWith("ZZ_GATEWAY_DISTRICTS_"))).hasSize(
                2 * PlatformService.districtServices().size());
        for (PlatformService service : PlatformService.districtServices()) {
            assertThat(env).containsEntry("ZZ_GATEWAY_DISTRICTS_ZHANGPU_" + service.id().toUpperCase(Locale.ROOT),
                    service.in("zhangpu").localUrl());
        }
    }

    @Test
    void demoUsernamesAreDeterministic() {
        UUID member = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
        assertThat(TokenSource.username("xiangcheng", Role.DISTRICT_ADMIN, null, null)).isEqualTo("xiangcheng-admin");
        assertThat(TokenSource.username("xiangcheng", Role.COMMUNITY_STAFF, "CM001", null))
                .isEqualTo("xiangcheng-staff-cm001");
        assertThat(TokenSource.username("longwen", Role.STREET_STAFF, "ST02", null)).isEqualTo("longwen-staff-st02");
        assertThat(TokenSource.username("longwen", Role.MEMBER, null, member)).isEqualTo("member-7c9e6679");
        assertThat(TokenSource.username(null, Role.CITY_ADMIN, null, null)).isEqualTo("admin");
        assertThatThrownBy(() -> TokenSource.username("longwen", Role.DISTRICT_SYSTEM, null, null))
                .hasMessageContaining("client");
    }

    @Test
    void resetWipesADataDirectoryButNeverTheRepository() throws Exception {
        Path data = Files.createDirectories(dir.resolve(".local/postgres/base"));
        Files.writeString(data.resolve("file"), "x");
        Path unpacked = Files.createDirectories(dir.resolve(".local").resolve(Platform.HOST_DIR).resolve("identity"));
        Platform.wipe(dir.resolve(".local"));
        assertThat(dir.resolve(".local/postgres")).doesNotExist();
        // The jars unpacked from the build are no data: they stay for the next start.
        assertThat(unpacked).exists();
        assertThat(Files.list(dir.resolve(".local")).toList()).containsExactly(dir.resolve(".local").resolve(Platform.HOST_DIR));
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        assertThatThrownBy(() -> Platform.wipe(dir)).hasMessageContaining("refusing");
        assertThat(dir.resolve("pom.xml")).exists();
    }
}
