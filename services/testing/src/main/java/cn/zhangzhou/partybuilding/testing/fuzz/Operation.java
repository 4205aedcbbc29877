package cn.zhangzhou.partybuilding.testing.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * One operation of a service's OpenAPI document as the fuzzer varies it: its path and query parameters and the
 * schema of its JSON body (null when it takes none).
 */
record Operation(String method, String template, List<Param> path, List<Param> query, JsonNode body,
                 boolean bodyRequired) {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    record Param(String name, JsonNode schema, boolean required) {
    }

    /** {@code "POST /api/v1/wishes/{id}/claim"}: how the scope matrix and the fuzzer's callers name it. */
    String key() {
        return method + " " + template;
    }

    boolean changes() {
        return !method.equals("GET");
    }

    static List<Operation> of(JsonNode docs) {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : docs.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                List<Param> inPath = new ArrayList<>();
                List<Param> inQuery = new ArrayList<>();
                for (JsonNode param : op.getValue().path("parameters")) {
                    Param p = new Param(param.path("name").asString(), param.path("schema"),
                            param.path("required").asBoolean(false));
                    if (param.path("in").asString().equals("path")) {
                        inPath.add(p);
                    } else if (param.path("in").asString().equals("query")) {
                        inQuery.add(p);
                    }
                }
                JsonNode request = op.getValue().path("requestBody");
                JsonNode body = request.path("content").path("application/json").path("schema");
                operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), inPath, inQuery,
                        body.isMissingNode() ? null : body, request.path("required").asBoolean(false)));
            }
        }
        return operations;
    }
}
