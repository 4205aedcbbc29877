package cn.zhangzhou.partybuilding.testing.matrix;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * The operations of a service's own OpenAPI document ({@code /v3/api-docs}) and, per operation, the fields its
 * request body takes and the fields its answer has: the ones only the answer has are read-only.
 */
final class ApiDocs {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    /** Read-only in every API of the platform unless a request names them. */
    private static final Set<String> ALWAYS_READ_ONLY = Set.of("id", "version", "status", "district", "createdAt",
            "updatedAt");

    /** {@code "GET /api/v1/x/{id}"} → the operation. */
    final Map<String, Operation> operations = new LinkedHashMap<>();

    record Operation(boolean hasBody, Set<String> requestFields, Set<String> responseFields) {

        /** Fields a client must not set: the answer's (and the usual suspects) that the request does not take. */
        Set<String> readOnly() {
            Set<String> fields = new TreeSet<>(responseFields);
            fields.addAll(ALWAYS_READ_ONLY);
            fields.removeAll(requestFields);
            return fields;
        }
    }

    ApiDocs(JsonNode docs) {
        JsonNode schemas = docs.path("components").path("schemas");
        for (Map.Entry<String, JsonNode> path : docs.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                JsonNode request = firstSchema(op.getValue().path("requestBody").path("content"));
                JsonNode response = null;
                for (Map.Entry<String, JsonNode> answer : op.getValue().path("responses").properties()) {
                    if (answer.getKey().startsWith("2") && response == null) {
                        response = firstSchema(answer.getValue().path("content"));
                    }
                }
                operations.put(op.getKey().toUpperCase() + " " + path.getKey(), new Operation(request != null,
                        fields(request, schemas), fields(response, schemas)));
            }
        }
    }

    private static JsonNode firstSchema(JsonNode content) {
        for (JsonNode type : content) {
            return type.path("schema");
        }
        return null;
    }

    private static Set<String> fields(JsonNode schema, JsonNode schemas) {
        Set<String> names = new TreeSet<>();
        if (schema == null) {
            return names;
        }
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asString();
            schema = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        schema.path("properties").propertyNames().forEach(names::add);
        return names;
    }
}
