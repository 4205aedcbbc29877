package cn.zhangzhou.partybuilding.faults;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that runs a main class of this JVM's class path in a child JVM: with {@code -cp} of this class path
 * (tests, an IDE), or from the executable jar through Spring Boot's {@code PropertiesLauncher}, which reads the nested
 * jars ({@code java -jar deploy/faults/target/faults.jar}).
 */
final class ChildJvm {

    private ChildJvm() {
    }

    static List<String> command(Class<?> main, String... jvmOptions) {
        String classPath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        if (classPath.endsWith("faults.jar") && !classPath.contains(java.io.File.pathSeparator)) {
            command.addAll(List.of("-cp", classPath, "-Dloader.main=" + main.getName(),
                    "org.springframework.boot.loader.launch.PropertiesLauncher"));
        } else {
            command.addAll(List.of("-cp", classPath, main.getName()));
        }
        return command;
    }
}
