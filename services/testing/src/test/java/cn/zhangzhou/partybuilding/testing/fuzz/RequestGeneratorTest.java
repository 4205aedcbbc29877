package cn.zhangzhou.partybuilding.testing.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The generator alone, on a small OpenAPI document: what a reproducible, refusable request means. */
class RequestGeneratorTest {

    private static final JsonNode DOCS = JsonMapper.builder().build().readTree("""
            {"paths": {
              "/api/v1/things": {
                "get": {"parameters": [{"name": "page", "in": "query", "schema": {"type": "integer"}}]},
                "post": {"requestBody": {"required": true, "content": {"application/json":
                  {"schema": {"$ref": "#/components/schemas/NewThing"}}}}}},
              "/api/v1/things/{id}/close": {
                "post": {"parameters": [{"name": "id", "in": "path", "required": true,
                  "schema": {"type": "string", "format": "uuid"}}]}}},
             "components": {"schemas": {"NewThing": {"type": "object", "properties": {
               "name": {"type": "string", "maxLength": 20}, "quantity": {"type": "integer", "minimum": 1},
               "kind": {"type": "string", "enum": ["SMALL", "LARGE"]},
               "owner": {"type": "object", "properties": {"id": {"type": "string", "format": "uuid"}}}}}}}}
            """);

    private final Fuzzer.Scene scene = new Fuzzer.Scene();
    private final RequestGenerator generator;

    RequestGeneratorTest() {
        scene.ids.put("{id}", List.of((Object) UUID.randomUUID()));
        generator = new RequestGenerator(Operation.of(DOCS), DOCS.path("components").path("schemas"), scene, 1024);
    }

    @Test
    void aSeedAndAnIndexAreTheWholeRequest() {
        for (int i = 0; i < 500; i++) {
            FuzzRequest first = generator.generate(42, i);
            FuzzRequest again = generator.generate(42, i);
            assertThat(again.toString()).isEqualTo(first.toString());
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(again.mayChange()).isEqualTo(generator.mayChange(42, i));
        }
        assertThat(generator.generate(43, 7).toString()).isNotEqualTo(generator.generate(42, 7).toString());
    }

    /** A change built to be refused always carries a defect; only changes with a body may be odd ones. */
    @Test
    void everyChangeIsEitherBuiltToBeRefusedOrOddAndSaysHow() {
        Set<String> operations = new HashSet<>();
        int odd = 0;
        for (int i = 0; i < 3_000; i++) {
            FuzzRequest request = generator.generate(20_261_206, i);
            operations.add(request.operation());
            if (request.method().equals("GET")) {
                assertThat(request.mayChange()).isFalse();
            } else if (request.mayChange()) {
                odd++;
                assertThat(request.operation()).isEqualTo("POST /api/v1/things");
            }
            assertThat(request.what()).as(request.toString()).isNotEmpty();
        }
        assertThat(operations).hasSize(3);
        assertThat(odd).as("about a quarter of the 1,000 creations").isBetween(150, 350);
    }
}
