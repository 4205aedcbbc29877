package cn.zhangzhou.partybuilding.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who writes a jar's class archive, and what is kept of it (the JVMs are not started here: only the files). */
class ProcessJarTest {

    @TempDir
    Path dir;

    @Test
    void theFirstStartRunsWithoutTheSecondWritesTheArchiveAtItsExitAndLaterStartsMapIt() throws IOException {
        ProcessJar jar = new ProcessJar(dir.resolve("app.jar"), dir.resolve("classes.jsa"), false);
        assertThat(jar.classSharing().options()).as("a jar started once never pays for an archive").isEmpty();
        ProcessJar.ClassSharing second = jar.classSharing();
        assertThat(second.options()).singleElement().asString().startsWith("-XX:ArchiveClassesAtExit=" + dir);

        writeArchiveOf(second);
        second.keep(143);

        assertThat(dir.resolve("classes.jsa")).hasContent("archive");
        assertThat(jar.classSharing().options()).containsExactly("-XX:SharedArchiveFile=" + dir.resolve("classes.jsa"));
        try (var left = Files.list(dir)) {
            assertThat(left).as("no claim, no partial file")
                    .containsExactlyInAnyOrder(dir.resolve("classes.jsa"), dir.resolve("classes.jsa.started"));
        }
    }

    @Test
    void whileOneStartWritesItAnotherStartsWithoutSharingAndAKilledWriterLeavesNothing() throws IOException {
        ProcessJar jar = new ProcessJar(dir.resolve("app.jar"), dir.resolve("classes.jsa"), false);
        jar.classSharing();
        ProcessJar.ClassSharing writer = jar.classSharing();

        assertThat(jar.classSharing().options()).as("another started meanwhile").isEmpty();

        writeArchiveOf(writer);
        writer.keep(137);
        writer.keep(143);

        assertThat(dir.resolve("classes.jsa")).doesNotExist();
        assertThat(jar.classSharing().options()).as("the next start writes it again").singleElement().asString()
                .startsWith("-XX:ArchiveClassesAtExit=");
    }

    @Test
    void theLocalPlatformsJarsWriteTheArchiveAtTheirFirstStart() {
        ProcessJar jar = new ProcessJar(dir.resolve("app.jar"), dir.resolve("classes.jsa"), true);

        assertThat(jar.classSharing().options()).singleElement().asString().startsWith("-XX:ArchiveClassesAtExit=");
    }

    @Test
    void aClaimLeftByAJvmThatIsGoneIsTakenOver() throws IOException {
        ProcessJar jar = new ProcessJar(dir.resolve("app.jar"), dir.resolve("classes.jsa"), false);
        jar.classSharing();
        Files.writeString(dir.resolve("classes.jsa.writing"), "2147483646");

        assertThat(jar.classSharing().options()).singleElement().asString().startsWith("-XX:ArchiveClassesAtExit=");
    }

    private static void writeArchiveOf(ProcessJar.ClassSharing sharing) throws IOException {
        Files.writeString(Path.of(sharing.options().get(0).substring("-XX:ArchiveClassesAtExit=".length())), "archive");
    }
}
