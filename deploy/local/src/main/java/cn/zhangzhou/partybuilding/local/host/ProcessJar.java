package cn.zhangzhou.partybuilding.local.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A service that runs in its own JVM (identity, the gateway), started from Spring Boot's extracted layout (its
 * classes as a jar whose manifest names its libraries): unlike the nested jars of the executable jar, a class path
 * of plain jars is what class data sharing can archive. The first run writes the archive when the JVM exits; later
 * runs map it and skip most of the class loading (decision 0019).
 *
 * @param jar     the application jar to run with {@code java -jar}
 * @param archive the class data sharing archive beside it
 */
public record ProcessJar(Path jar, Path archive) {

    public static ProcessJar unpack(Path executableJar, Path hostDir) {
        Path dir = Unpacked.directory(executableJar, hostDir, "process");
        return new ProcessJar(dir.resolve(executableJar.getFileName()), dir.resolve("classes.jsa"));
    }

    /** The JVM options: map the archive when there is one, else write a new one when the JVM exits. */
    public List<String> classSharing() {
        return Files.isRegularFile(archive) ? List.of("-XX:SharedArchiveFile=" + archive)
                : List.of("-XX:ArchiveClassesAtExit=" + written());
    }

    /**
     * Keeps the archive the JVM wrote at its exit, if it ended by its own shutdown (SIGTERM: 143); one killed while
     * writing it leaves a partial file, which is dropped so that the next run writes it again.
     */
    public void keepArchive(int exitCode) {
        try {
            if (exitCode == 143 || exitCode == 0) {
                if (Files.isRegularFile(written())) {
                    Files.move(written(), archive, StandardCopyOption.REPLACE_EXISTING);
                }
            } else {
                Files.deleteIfExists(written());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the class archive " + archive, e);
        }
    }

    private Path written() {
        return archive.resolveSibling(archive.getFileName() + ".new");
    }
}
