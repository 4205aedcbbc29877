package cn.zhangzhou.partybuilding.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A service that runs in its own JVM, started from Spring Boot's extracted layout (its classes as a jar whose manifest
 * names its libraries): unlike the nested jars of the executable jar, a class path of plain jars is what class data
 * sharing can archive. A start writes the archive when its JVM exits ({@link #classSharing()} says which); later
 * starts map it and skip most of the class loading (decision 0019; the gateway's start to refresh on C1: 10–12 s of
 * CPU from the executable jar, 7 s extracted, 4.5 s with the archive).
 *
 * @param jar          the application jar to run with {@code java -jar}
 * @param archive      the class data sharing archive beside it
 * @param writeAtFirst whether the first start writes the archive, or only the second ({@link #classSharing()})
 */
public record ProcessJar(Path jar, Path archive, boolean writeAtFirst) {

    /**
     * Unpacks {@code executableJar} (once per version of it) into a directory under {@code hostDir}; the first start
     * writes the archive (the local platform: every start after the first maps it).
     */
    public static ProcessJar unpack(Path executableJar, Path hostDir) {
        Path dir = Unpacked.directory(executableJar, hostDir, "process");
        return new ProcessJar(dir.resolve(executableJar.getFileName()), dir.resolve("classes.jsa"), true);
    }

    /**
     * Unpacks {@code executableJar} into {@code unpacked/} beside it (a module's {@code target/}), for the tests'
     * child JVMs, which share it across the build's modules; the second start writes the archive.
     */
    public static ProcessJar besideJar(Path executableJar) {
        Path dir = Unpacked.directory(executableJar, executableJar.toAbsolutePath().getParent().resolve("unpacked"),
                "process");
        return new ProcessJar(dir.resolve(executableJar.getFileName()), dir.resolve("classes.jsa"), false);
    }

    /**
     * The class sharing of one start: map the archive when there is one. Else write it when the JVM exits, into a file
     * of this start's own, unless another start is writing it already (the fault suite's two instances of a kind
     * start together) or, without {@code writeAtFirst}, this is the jar's first start: writing costs about 17 s of CPU
     * at the exit (a 100 MB file) and saves about 6 s at each later start, so a jar a build starts once (a test's
     * identity) would never pay it back.
     */
    public ClassSharing classSharing() {
        if (Files.isRegularFile(archive)) {
            return new ClassSharing(List.of("-XX:SharedArchiveFile=" + archive), null, null, archive);
        }
        Path claim = archive.resolveSibling(archive.getFileName() + ".writing");
        if ((!writeAtFirst && firstStart()) || !claim(claim)) {
            return new ClassSharing(List.of(), null, null, archive);
        }
        Path written = archive.resolveSibling(archive.getFileName() + ".new-" + UUID.randomUUID());
        return new ClassSharing(List.of("-XX:ArchiveClassesAtExit=" + written), written, claim, archive);
    }

    /** True once per unpacked jar: the start that finds no mark of an earlier one (and leaves it). */
    private boolean firstStart() {
        try {
            Files.writeString(archive.resolveSibling(archive.getFileName() + ".started"), "",
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException started) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark " + archive.getParent() + " started", e);
        }
    }

    /**
     * Takes the right to write the archive: a file naming this JVM. A claim whose JVM is gone (a test JVM that ended
     * while its child was still running) is taken over.
     */
    private static boolean claim(Path claim) {
        String self = Long.toString(ProcessHandle.current().pid());
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.writeString(claim, self, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException held) {
                if (holderAlive(claim)) {
                    return false;
                }
                try {
                    Files.deleteIfExists(claim);
                } catch (IOException e) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean holderAlive(Path claim) {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(claim).strip())).map(ProcessHandle::isAlive)
                    .orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false; // gone meanwhile, or half written by a JVM that died: not a live claim
        }
    }

    /** The JVM options of one start, and what becomes of the archive it may write. */
    public static final class ClassSharing {

        private final List<String> options;
        private final Path written;
        private final Path claim;
        private final Path archive;
        private final AtomicBoolean kept = new AtomicBoolean();

        /**
         * @param written where the JVM writes an archive at its exit, or null when it does not
         * @param claim   this start's right to write it, or null
         */
        ClassSharing(List<String> options, Path written, Path claim, Path archive) {
            this.options = options;
            this.written = written;
            this.claim = claim;
            this.archive = archive;
        }

        public List<String> options() {
            return options;
        }

        /**
         * Keeps the archive the JVM wrote at its exit, if it ended by its own shutdown (SIGTERM: 143); one killed while
         * writing it leaves a partial file, which is dropped so that a later start writes it again. Only the first
         * call acts (the process's exit and its close() may both call it).
         */
        public void keep(int exitCode) {
            if (written == null || !kept.compareAndSet(false, true)) {
                return;
            }
            try {
                if ((exitCode == 143 || exitCode == 0) && Files.isRegularFile(written)) {
                    Files.move(written, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.deleteIfExists(written);
                }
                Files.deleteIfExists(claim);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the class archive " + archive, e);
            }
        }
    }
}
