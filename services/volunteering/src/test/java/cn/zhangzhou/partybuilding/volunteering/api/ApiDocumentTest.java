package cn.zhangzhou.partybuilding.volunteering.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering;

/**
 * The OpenAPI document describes each body as it is. Regression (found by the scope matrix): request and answer
 * records of the same simple name in two controllers shared one schema, so POST /brand-projects was documented with
 * the campaign's body (no description), the hours' decline and appeal with the team's (no version), and a volunteer
 * and an hours entry with one answer.
 */
class ApiDocumentTest {

    private static final RunningVolunteering v = RunningVolunteering.get();

    @Test
    void everyBodyHasASchemaOfItsOwn() {
        JsonNode docs = v.api.get("/v3/api-docs", null).body();
        assertThat(requestFields(docs, "/api/v1/brand-projects")).contains("organisationId", "name", "description");
        assertThat(requestFields(docs, "/api/v1/campaigns")).contains("kind", "startsOn", "endsOn")
                .doesNotContain("description");
        assertThat(requestFields(docs, "/api/v1/hours/{id}/decline")).contains("version", "reason");
        assertThat(requestFields(docs, "/api/v1/teams/{id}/requests/{volunteerId}/decline")).containsOnly("reason");
        assertThat(schema(docs, docs.path("paths").path("/api/v1/hours/{id}").path("get").path("responses")
                .path("200"))).isNotEqualTo(schema(docs, docs.path("paths").path("/api/v1/volunteers/{id}")
                .path("get").path("responses").path("200")));
    }

    private static List<String> requestFields(JsonNode docs, String path) {
        String name = schema(docs, docs.path("paths").path(path).path("post").path("requestBody"));
        List<String> fields = new ArrayList<>();
        docs.path("components").path("schemas").path(name).path("properties").propertyNames().forEach(fields::add);
        return fields;
    }

    /** The name of the schema of a request body or an answer. */
    private static String schema(JsonNode docs, JsonNode body) {
        for (JsonNode type : body.path("content")) {
            String ref = type.path("schema").path("$ref").asString();
            return ref.substring(ref.lastIndexOf('/') + 1);
        }
        throw new AssertionError("no body: " + body);
    }
}
