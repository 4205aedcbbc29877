package cn.zhangzhou.partybuilding.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryRootTest {

    @TempDir
    Path dir;

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
}
