package cn.zhangzhou.partybuilding.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.Districts;
import cn.zhangzhou.partybuilding.support.security.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    @TempDir
    Path dir;

    @Test
    void runIsTheDefaultWithTheTwoArticleDistrictsAndZhangpuAndTheDotLocalDataDirectory() {
        Options o = Options.parse();
        assertThat(o.command()).isEqualTo("run");
        assertThat(o.reset()).isFalse();
        assertThat(o.dataDir()).isEqualTo(".local");
        // zhangpu: its wishes service replays 绥安镇城西社区 2015 (150 claimed, 35 helped) in the default run.
        assertThat(o.districts()).containsExactly("xiangcheng", "longwen", "zhangpu");
    }

    @Test
    void districtsFollowDomainOrderAndAllMeansEleven() {
        assertThat(Options.parse("run", "--reset", "--districts", "longwen,xiangcheng", "--data-dir", "/tmp/x"))
                .satisfies(o -> {
                    assertThat(o.reset()).isTrue();
                    assertThat(o.districts()).containsExactly("xiangcheng", "longwen");
                    assertThat(o.dataDir()).isEqualTo("/tmp/x");
                });
        assertThat(Options.parse("--districts", "all").districts()).isEqualTo(Districts.IDS);
        assertThatThrownBy(() -> Options.parse("--districts", "xiangcheng,xiamen")).hasMessageContaining("xiamen");
    }

    @Test
    void portsAre8081ForXiangcheng8082ForLongwenThenInOrder() {
        assertThat(Options.port("xiangcheng")).isEqualTo(8081);
        assertThat(Options.port("longwen")).isEqualTo(8082);
        assertThat(Options.port("longhai")).isEqualTo(8083);
        assertThat(Options.port("huaan")).isEqualTo(8091);
    }

    @Test
    void wishesPortsAre8181ForXiangchengThenInOrderNeverAMembershipPort() {
        assertThat(Options.wishesPort("xiangcheng")).isEqualTo(8181);
        assertThat(Options.wishesPort("longwen")).isEqualTo(8182);
        assertThat(Options.wishesPort("zhangpu")).isEqualTo(8185);
        assertThat(Options.wishesPort("huaan")).isEqualTo(8191);
        for (String d : Districts.IDS) {
            for (String other : Districts.IDS) {
                assertThat(Options.wishesPort(d)).isNotEqualTo(Options.port(other));
            }
        }
        assertThatThrownBy(() -> Options.wishesPort("xiamen")).hasMessageContaining("xiamen");
    }

    @Test
    void badCommandLinesAreRefused() {
        assertThatThrownBy(() -> Options.parse("start")).hasMessageContaining("unknown command");
        assertThatThrownBy(() -> Options.parse("run", "--fast")).hasMessageContaining("--fast");
        assertThatThrownBy(() -> Options.parse("run", "--data-dir")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Options.parse("token")).hasMessageContaining("usage: token");
        assertThatThrownBy(() -> Options.parse("token", "a", "b")).hasMessageContaining("usage: token");
        assertThatThrownBy(() -> Options.parse("token", "--client", "xiangcheng", "admin"))
                .hasMessageContaining("usage: token");
        assertThatThrownBy(() -> Options.parse("token", "--client", "xiamen")).hasMessageContaining("xiamen");
        assertThatThrownBy(() -> Options.parse("run", "--client", "xiangcheng")).hasMessageContaining("token command");
        // The dev-token commands of the foundation are gone: the launcher signs nothing.
        assertThatThrownBy(() -> Options.parse("keys", "dir")).hasMessageContaining("unknown command");
        assertThatThrownBy(() -> Options.parse("token", "--keys-dir", "k", "CITY_ADMIN")).hasMessageContaining("--keys-dir");
    }

    @Test
    void tokenTakesAUsernameOrADistrictsClient() {
        Options user = Options.parse("token", "--data-dir", "/tmp/d", "xiangcheng-admin");
        assertThat(user.arguments()).isEqualTo(List.of("xiangcheng-admin"));
        assertThat(user.client()).isNull();
        assertThat(user.dataDir()).isEqualTo("/tmp/d");
        Options system = Options.parse("token", "--client", "longwen");
        assertThat(system.client()).isEqualTo("longwen");
        assertThat(system.arguments()).isEmpty();
        assertThat(Options.usage()).contains("token [--data-dir .local] <username>")
                .contains("token [--data-dir .local] --client <district>").doesNotContain("keys");
    }

    @Test
    void theRepositoryRootIsFoundFromASubdirectory() throws Exception {
        Files.createDirectories(dir.resolve("services/membership"));
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        Path deep = Files.createDirectories(dir.resolve("deploy/local/target"));
        Files.writeString(dir.resolve("deploy/local/pom.xml"), "<project/>"); // a module pom is not the root
        assertThat(RepositoryRoot.find(deep)).contains(dir.toAbsolutePath().normalize());
        Path elsewhere = Files.createTempDirectory("not-a-repo");
        assertThat(RepositoryRoot.find(elsewhere)).isEmpty();
        assertThatThrownBy(() -> RepositoryRoot.require(elsewhere)).hasMessageContaining("pom.xml and services/");
    }

    @Test
    void theServiceEnvironmentIsTheOneOfTheApiContractAndTrustsIdentitysKeys() {
        var env = Platform.serviceEnvironment("longwen", "jdbc:postgresql://localhost:15432/membership_longwen",
                "localhost:9092");
        assertThat(env).containsEntry("ZZ_DISTRICT", "longwen")
                .containsEntry("SERVER_PORT", "8082")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:15432/membership_longwen")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
                .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", "http://localhost:9000/oauth2/jwks")
                .doesNotContainKey("ZZ_SECURITY_JWT_PUBLIC_KEY_LOCATION")
                .containsKeys("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");
        assertThat(Platform.wishesEnvironment("zhangpu", "jdbc:postgresql://localhost:15432/wishes_zhangpu",
                "localhost:9092", true))
                .containsEntry("SERVER_PORT", "8185")
                .containsEntry("ZZ_WISHES_REPLAY_CLOCK", "true")
                .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", "http://localhost:9000/oauth2/jwks")
                .doesNotContainKey("ZZ_SECURITY_JWT_PUBLIC_KEY_LOCATION");
    }

    @Test
    void identityGetsItsDatabaseIssuerAndTheGeneratedSecretsOfTheDataDirectory() {
        DemoSecrets secrets = new DemoSecrets(dir);
        var env = Platform.identityEnvironment("jdbc:postgresql://localhost:15432/identity", secrets);
        assertThat(env).containsEntry("SERVER_PORT", "9000")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:15432/identity")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
                .containsEntry("ZZ_IDENTITY_ISSUER", "http://localhost:9000")
                .containsEntry("ZZ_IDENTITY_BOOTSTRAP_ADMIN_USERNAME", "admin")
                .containsEntry("ZZ_IDENTITY_BOOTSTRAP_ADMIN_PASSWORD", secrets.adminPassword())
                .containsEntry("ZZ_IDENTITY_KEYS_ENCRYPTION_SECRET", secrets.keysEncryptionSecret());
        assertThat(dir.resolve(DemoSecrets.ADMIN_PASSWORD_FILE)).exists();
        // Not the development default of identity's application.yaml.
        assertThat(secrets.keysEncryptionSecret()).doesNotContain("local-development-only");
    }

    @Test
    void theGatewayRoutesEveryStartedDistrictsServicesAndTrustsIdentitysKeys() {
        var env = Platform.gatewayEnvironment(List.of("longwen", "zhangpu"));
        assertThat(env).containsEntry("SERVER_PORT", "8080")
                .containsEntry("ZZ_GATEWAY_DISTRICTS_LONGWEN_MEMBERSHIP", "http://localhost:8082")
                .containsEntry("ZZ_GATEWAY_DISTRICTS_LONGWEN_WISHES", "http://localhost:8182")
                .containsEntry("ZZ_GATEWAY_DISTRICTS_ZHANGPU_MEMBERSHIP", "http://localhost:8085")
                .containsEntry("ZZ_GATEWAY_DISTRICTS_ZHANGPU_WISHES", "http://localhost:8185")
                .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", "http://localhost:9000/oauth2/jwks")
                .doesNotContainKey("ZZ_GATEWAY_DISTRICTS_XIANGCHENG_MEMBERSHIP");
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
        Platform.wipe(dir.resolve(".local"));
        assertThat(dir.resolve(".local")).doesNotExist();
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        assertThatThrownBy(() -> Platform.wipe(dir)).hasMessageContaining("refusing");
        assertThat(dir.resolve("pom.xml")).exists();
    }
}
