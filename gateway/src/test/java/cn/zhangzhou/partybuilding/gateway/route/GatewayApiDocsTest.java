package cn.zhangzhou.partybuilding.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GatewayApiDocsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void servicePathsGetTheGatewayPrefixAndTheGatewayBecomesTheServer() {
        String document = """
                {"openapi":"3.1.0","servers":[{"url":"http://127.0.0.1:8081","description":"Generated server url"}],
                 "paths":{"/api/v1/organisations":{"get":{"operationId":"list"}},"/api/v1":{},"/health":{}},
                 "components":{"schemas":{"Page":{"type":"object"}}}}""";

        JsonNode rewritten = JSON.readTree(GatewayApiDocs.throughTheGateway(document, "longwen", "membership"));

        assertThat(rewritten.path("paths").propertyNames()).containsExactly(
                "/api/v1/longwen/membership/organisations", "/api/v1/longwen/membership", "/health");
        assertThat(rewritten.path("paths").path("/api/v1/longwen/membership/organisations").path("get")
                .path("operationId").asString()).isEqualTo("list");
        assertThat(rewritten.path("servers").size()).isEqualTo(1);
        assertThat(rewritten.path("servers").get(0).path("url").asString()).isEqualTo("/");
        assertThat(rewritten.path("components").path("schemas").has("Page")).isTrue();
    }

    @Test
    void anythingElseIsPassedOnUnchanged() {
        assertThat(GatewayApiDocs.throughTheGateway("not json", "d", "s")).isEqualTo("not json");
        assertThat(GatewayApiDocs.throughTheGateway("[1,2]", "d", "s")).isEqualTo("[1,2]");
        assertThat(GatewayApiDocs.throughTheGateway("{\"title\":\"x\"}", "d", "s")).isEqualTo("{\"title\":\"x\"}");
        assertThat(GatewayApiDocs.throughTheGateway("", "d", "s")).isEmpty();
    }
}
