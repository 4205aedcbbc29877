package cn.zhangzhou.partybuilding.local;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The executables the tests run when the machine has them (prometheus, node, npm): found on the PATH. */
final class OnPath {

    private OnPath() {
    }

    static Optional<Path> find(String name) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
