package cn.zhangzhou.partybuilding.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import cn.zhangzhou.partybuilding.events.Districts;
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
        assertThatThrownBy(() -> Options.parse("keys")).hasMessageContaining("usage: keys");
        assertThat(Options.parse("token", "MEMBER", "longwen", "o", "m").arguments())
                .isEqualTo(List.of("MEMBER", "longwen", "o", "m"));
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
    void theServiceEnvironmentIsTheOneOfTheApiContract() {
        var env = Platform.serviceEnvironment("longwen", "jdbc:postgresql://localhost:15432/membership_longwen",
                "localhost:9092", dir.resolve("keys/jwt-public.pem"));
        assertThat(env).containsEntry("ZZ_DISTRICT", "longwen")
                .containsEntry("SERVER_PORT", "8082")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:15432/membership_longwen")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
                .containsEntry("ZZ_SECURITY_JWT_PUBLIC_KEY_LOCATION", "file:" + dir.resolve("keys/jwt-public.pem").toAbsolutePath())
                .containsKeys("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");
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
