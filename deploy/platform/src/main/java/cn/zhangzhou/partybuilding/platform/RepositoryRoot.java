package cn.zhangzhou.partybuilding.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The repository root: the nearest directory, from the working directory up, holding pom.xml and services/. */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    public static Optional<Path> find(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("services"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    public static Path require(Path start) {
        return find(start).orElseThrow(() -> new IllegalStateException(
                "no repository root (a directory with pom.xml and services/) at or above " + start.toAbsolutePath()
                        + "; run it from inside the repository"));
    }
}
