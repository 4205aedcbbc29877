package cn.zhangzhou.partybuilding.gateway.route;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A service's OpenAPI document as the gateway serves it: its paths carry the gateway's prefix
 * ({@code /api/v1/organisations} → {@code /api/v1/longwen/membership/organisations}) and its only server is the
 * gateway itself (a relative {@code /}), so "try it out" in the gateway's Swagger UI goes through the gateway, with
 * its token and district checks, instead of straight at the service's own address.
 */
final class GatewayApiDocs {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SERVICE_PREFIX = "/api/v1";

    private GatewayApiDocs() {
    }

    /** The document with gateway paths; a body that is not an OpenAPI JSON object is passed on unchanged. */
    static String throughTheGateway(String document, String district, String service) {
        if (document == null || document.isBlank()) {
            return document;
        }
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (RuntimeException e) {
            return document;
        }
        if (!(root instanceof ObjectNode openApi) || !(openApi.get("paths") instanceof ObjectNode paths)) {
            return document;
        }
        String gatewayPrefix = SERVICE_PREFIX + "/" + district + "/" + service;
        ObjectNode rewritten = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            String name = path.getKey();
            String outside = name.equals(SERVICE_PREFIX) || name.startsWith(SERVICE_PREFIX + "/")
                    ? gatewayPrefix + name.substring(SERVICE_PREFIX.length()) : name;
            rewritten.set(outside, path.getValue());
        }
        openApi.set("paths", rewritten);
        openApi.putArray("servers").addObject().put("url", "/").put("description", "the gateway");
        return JSON.writeValueAsString(openApi);
    }
}
