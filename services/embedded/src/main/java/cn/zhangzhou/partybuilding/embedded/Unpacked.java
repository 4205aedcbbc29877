package cn.zhangzhou.partybuilding.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A service's executable jar unpacked by Spring Boot's own tool ({@code java -Djarmode=tools -jar <jar> extract}) into
 * {@code <host dir>/<jar name>-<layout>-<size and time of the jar>/}: done once and reused while the jar stays the
 * same; a rebuilt jar gets a new directory and the old one goes. Safe when several JVMs of the same jar start at once
 * (the fault suite starts a kind's two instances together): each unpacks into a directory of its own and the first
 * to finish names it; the others drop theirs.
 */
public final class Unpacked {

    /** Written last: a directory without it is a half-finished unpacking. */
    private static final String COMPLETE = ".complete";

    private Unpacked() {
    }

    /** The unpacked directory of {@code jar}; {@code options} are the tool's ({@code --launcher} or none). */
    public static Path directory(Path jar, Path hostDir, String layout, String... options) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it first: mvn -B -DskipTests package");
        }
        String prefix = jar.getFileName().toString().replaceFirst("\\.jar$", "") + "-" + layout + "-";
        Path dir = hostDir.resolve(prefix + version(jar));
        if (Files.exists(dir.resolve(COMPLETE))) {
            return dir;
        }
        try {
            Files.createDirectories(hostDir);
            Path tmp = hostDir.resolve(dir.getFileName() + ".tmp-" + UUID.randomUUID());
            extract(jar, tmp, options);
            Files.writeString(tmp.resolve(COMPLETE), jar.toString());
            removeOlder(hostDir, prefix, dir);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException another) {
                // Another JVM of the same jar unpacked it first (the target is then a non-empty directory).
                deleteRecursively(tmp);
                if (!Files.exists(dir.resolve(COMPLETE))) {
                    throw another;
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + jar + " into " + dir, e);
        }
    }

    /** Earlier versions of the jar; not another JVM's unpacking under way ({@code .tmp-}), nor the current one. */
    private static void removeOlder(Path hostDir, String prefix, Path current) throws IOException {
        try (Stream<Path> siblings = Files.list(hostDir)) {
            for (Path older : siblings.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && !p.getFileName().toString().contains(".tmp-") && !p.equals(current)).toList()) {
                deleteRecursively(older);
            }
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void extract(Path jar, Path into, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", into.toString()));
        command.addAll(List.of(options));
        Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (tool.waitFor() != 0) {
                throw new IllegalStateException("Spring Boot's extract of " + jar + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tool.destroyForcibly();
            throw new IllegalStateException("interrupted while unpacking " + jar, e);
        }
    }

    /**
     * The jar's size and time stamp: a rebuild unpacks again. (A hash of the content would also keep an identical
     * rebuild's directory, for ~2 s of CPU per jar at every start with C1-compiled code.)
     */
    private static String version(Path jar) {
        try {
            return Long.toHexString(Files.size(jar)) + "-" + Long.toHexString(Files.getLastModifiedTime(jar).toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }
}
