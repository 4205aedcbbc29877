package cn.zhangzhou.partybuilding.local.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Manifest;

import cn.zhangzhou.partybuilding.embedded.Unpacked;


/**
 * A service's jar as {@link ServiceHost} reads it: its own classes ({@code BOOT-INF/classes}: its code,
 * {@code application.yml}, {@code db/migration}), its libraries in the order of its {@code classpath.idx}, and its
 * {@code Start-Class}; unpacked once ({@link Unpacked}, Spring Boot's launcher layout).
 */
public record HostedJar(String startClass, Path classes, List<Path> libraries) {

    public static HostedJar unpack(Path jar, Path hostDir) {
        Path dir = Unpacked.directory(jar, hostDir, "hosted", "--launcher");
        try (InputStream manifest = Files.newInputStream(dir.resolve("META-INF/MANIFEST.MF"))) {
            String startClass = new Manifest(manifest).getMainAttributes().getValue("Start-Class");
            // Lines of the form: - "BOOT-INF/lib/spring-core-7.0.8.jar"
            List<Path> libraries = Files.readAllLines(dir.resolve("BOOT-INF/classpath.idx")).stream()
                    .filter(line -> line.startsWith("- \""))
                    .map(line -> dir.resolve(line.substring(3, line.length() - 1)))
                    .toList();
            return new HostedJar(startClass, dir.resolve("BOOT-INF/classes"), libraries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the unpacked " + jar + " in " + dir, e);
        }
    }
}
