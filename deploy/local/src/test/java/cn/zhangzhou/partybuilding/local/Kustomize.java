package cn.zhangzhou.partybuilding.local;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Renders deploy/kubernetes's overlays with {@code kubectl kustomize}, as {@code kubectl apply -k} would before sending
 * them. Without kubectl on the PATH the tests that need it are skipped, saying how to install it.
 */
final class Kustomize {

    static final String MISSING = "kubectl is not on the PATH: the Kustomize overlays are not rendered nor checked. "
            + "Install it (Debian: apt-get install kubernetes-client; .ci/run does) to run these tests.";

    private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** Every overlay that is applied: the environments and each district's, relative to deploy/kubernetes. */
    static List<String> overlays() {
        List<String> overlays = new ArrayList<>();
        KubernetesOverlays.ENVIRONMENTS.forEach(e -> overlays.add("overlays/" + e));
        KubernetesOverlays.files().keySet().stream().filter(f -> f.startsWith("overlays/districts/"))
                .filter(f -> f.endsWith("/kustomization.yaml")).map(f -> f.substring(0, f.lastIndexOf('/')))
                .forEach(overlays::add);
        return overlays;
    }

    /** The overlay's resources as kubectl renders them; skips the calling test when there is no kubectl. */
    static String render(String overlay) {
        Optional<Path> kubectl = onPath("kubectl");
        assumeTrue(kubectl.isPresent(), MISSING);
        return RENDERED.computeIfAbsent(overlay, o -> run(Deployments.ROOT, List.of(kubectl.get().toString(), "kustomize",
                Deployments.ROOT.resolve(KubernetesOverlays.DIR).resolve(o).toString())));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> resources(String overlay) {
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(render(overlay))) {
            if (document instanceof Map<?, ?> map) {
                resources.add((Map<String, Object>) map);
            }
        }
        return resources;
    }

    static Optional<Path> onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs a command to its end (at most two minutes) and returns what it printed on its standard output; fails with
     * both its outputs when it exits non-zero. Its standard error is not returned: kubectl warns there.
     */
    static String run(Path dir, List<String> command) {
        try {
            Path output = Files.createTempFile("zz-kubernetes", ".out");
            Path errors = Files.createTempFile("zz-kubernetes", ".err");
            try {
                Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(output.toFile())
                        .redirectError(errors.toFile()).start();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish in two minutes");
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + text
                            + Files.readString(errors, StandardCharsets.UTF_8));
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
