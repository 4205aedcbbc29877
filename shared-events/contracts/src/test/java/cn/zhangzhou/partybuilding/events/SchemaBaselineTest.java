package cn.zhangzhou.partybuilding.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every published schema against the copy committed when it was published
 * ({@code src/test/resources/schema-baseline/}): a change that breaks consumers fails the build. The
 * rules are those of {@link SchemaCompatibility}; how to add a type or a version is in shared-events/README.md.
 */
class SchemaBaselineTest {

    private static final String BASELINE = "schema-baseline/";

    /** Every baseline file, as {@code membership/MemberRegistered.v1.json}: a published schema. */
    static List<String> baselineSchemas() throws IOException, URISyntaxException {
        URL root = SchemaBaselineTest.class.getClassLoader().getResource(BASELINE);
        assertThat(root).as("classpath:" + BASELINE).isNotNull();
        Path dir = Paths.get(root.toURI());
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .map(f -> dir.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baselineSchemas")
    void everyPublishedSchemaStillExistsAndIsCompatible(String schema) {
        JsonNode baseline = read(BASELINE + schema);
        JsonNode current = read("schemas/" + schema);

        assertThat(current).as("schemas/" + schema + " was published and may not be deleted").isNotNull();
        assertThat(SchemaCompatibility.breakingChanges(baseline, current))
                .as("breaking changes in schemas/%s: publish a new version instead", schema)
                .isEmpty();
    }

    @Test
    void everyCatalogTypeHasABaseline() throws Exception {
        // A new type or version without a baseline would escape the check above.
        assertThat(baselineSchemas()).containsAll(EventCatalog.all().stream()
                .map(type -> type.schemaResource().substring("schemas/".length()))
                .toList());
    }

    @Test
    void everyBaselineIsInTheCatalog() throws Exception {
        // A baseline whose type left the catalog means a published type is no longer produced or consumed.
        assertThat(EventCatalog.all().stream().map(type -> type.schemaResource().substring("schemas/".length())))
                .containsAll(baselineSchemas());
    }

    private static JsonNode read(String resource) {
        try (InputStream in = SchemaBaselineTest.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
