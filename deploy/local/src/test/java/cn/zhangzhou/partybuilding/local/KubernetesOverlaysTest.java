package cn.zhangzhou.partybuilding.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.zhangzhou.partybuilding.events.Districts;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes as applied: the committed files that follow from the districts are the generator's
 * ({@link KubernetesOverlays}), every overlay renders with {@code kubectl kustomize}, and every rendered resource is
 * valid: a built-in kind against the Kubernetes schemas (npm's kubernetes-models), a Strimzi or CloudNativePG kind
 * against its CRD's own OpenAPI schema (deploy/kubernetes/crds), strictly (deploy/kubernetes/validate/validate.mjs).
 */
class KubernetesOverlaysTest {

    private static final Path KUBERNETES = Deployments.ROOT.resolve(KubernetesOverlays.DIR);
    private static final Path WORK = Deployments.ROOT.resolve("deploy/local/target/kubernetes");

    @Test
    void theCommittedFilesAreTheGeneratorsOutput() throws IOException {
        boolean write = Boolean.getBoolean("zz.kubernetes.write");
        for (Map.Entry<String, String> file : KubernetesOverlays.files().entrySet()) {
            Path path = KUBERNETES.resolve(file.getKey());
            if (write) {
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            }
            assertThat(Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.UTF_8) : "(missing)")
                    .as("%s differs from KubernetesOverlays' output: run KubernetesOverlaysTest with -Dzz.kubernetes.write=true",
                            path)
                    .isEqualTo(file.getValue());
        }
        try (var districts = Files.list(KUBERNETES.resolve("overlays/districts"))) {
            assertThat(districts.map(d -> d.getFileName().toString()).sorted().toList())
                    .as("a district overlay per district, no more").containsExactlyElementsOf(Districts.IDS.stream().sorted().toList());
        }
    }

    @Test
    void everyOverlayRendersAndEveryResourceIsValidAgainstItsSchema() throws IOException {
        List<Path> rendered = new ArrayList<>();
        Files.createDirectories(WORK.resolve("rendered"));
        for (String overlay : Kustomize.overlays()) {
            Path file = WORK.resolve("rendered").resolve(overlay.replace('/', '-') + ".yaml");
            Files.writeString(file, Kustomize.render(overlay), StandardCharsets.UTF_8);
            rendered.add(file);
        }
        Optional<Path> node = Kustomize.onPath("node");
        Optional<Path> npm = Kustomize.onPath("npm");
        assumeTrue(node.isPresent() && npm.isPresent(), "node and npm are not on the PATH: the rendered resources are not "
                + "validated against the Kubernetes schemas and the CRDs. Install Node.js (with npm) to run this test.");
        Path validator = WORK.resolve("validate");
        Files.createDirectories(validator);
        for (String file : List.of("package.json", "validate.mjs")) {
            Files.copy(KUBERNETES.resolve("validate").resolve(file), validator.resolve(file),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(validator.resolve("node_modules/kubernetes-models"))) {
            Kustomize.run(validator, List.of(npm.get().toString(), "install", "--no-audit", "--no-fund", "--silent"));
        }
        List<String> command = new ArrayList<>(List.of(node.get().toString(), "validate.mjs", "--crds",
                KUBERNETES.resolve("crds").toString()));
        rendered.forEach(f -> command.add(f.toString()));
        String report = Kustomize.run(validator, command);
        System.out.println(report);
        assertThat(report).contains(" 0 invalid");
    }

    @Test
    void aDistrictsPrincipalWritesOnlyItsOwnTopicsAndTheDeadLettersOfWhatItReads() {
        List<Map<String, Object>> users = Kustomize.resources("overlays/production").stream()
                .filter(r -> "KafkaUser".equals(r.get("kind"))).toList();
        assertThat(users).extracting(u -> String.valueOf(map(u.get("metadata")).get("name")))
                .containsAll(Districts.IDS).contains("identity", "dashboard");
        for (Map<String, Object> user : users) {
            String principal = String.valueOf(map(user.get("metadata")).get("name"));
            List<Map<String, Object>> acls = list(map(map(user.get("spec")).get("authorization")).get("acls"));
            List<String> read = new ArrayList<>();
            for (Map<String, Object> acl : acls) {
                Map<String, Object> resource = map(acl.get("resource"));
                if ("topic".equals(resource.get("type")) && String.valueOf(acl.get("operations")).contains("Read")) {
                    read.add(String.valueOf(resource.get("name")));
                }
            }
            for (Map<String, Object> acl : acls) {
                Map<String, Object> resource = map(acl.get("resource"));
                String name = String.valueOf(resource.get("name"));
                String operations = String.valueOf(acl.get("operations"));
                if (!"topic".equals(resource.get("type")) || !(operations.contains("Write") || operations.contains("Create"))) {
                    continue;
                }
                if (Districts.isKnown(principal) && name.equals(principal + ".")) {
                    assertThat(resource.get("patternType")).as(principal + ": its own prefix").isEqualTo("prefix");
                } else {
                    assertThat(resource.get("patternType")).as(principal + " writes " + name).isEqualTo("literal");
                    assertThat(operations).as(principal + " on " + name).isEqualTo("[Write]");
                    assertThat(name).as(principal + " writes only the dead letters of a topic it reads").endsWith("-dlt");
                    assertThat(read).as(principal + " writes " + name).contains(name.substring(0, name.length() - 4));
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }
}
