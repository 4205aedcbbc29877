package cn.zhangzhou.partybuilding.testing.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.JwtSigner;
import cn.zhangzhou.partybuilding.testing.TestKeys;

/**
 * The matrix against a service with a hole: it answers every request with a token, whoever sent it. Whatever the
 * matrix is told, it must fail, naming the cells; and an operation without a rule must fail it before any call.
 */
class ScopeMatrixTest {

    private static final String DOCS = """
            {"paths": {
              "/api/v1/things/{id}": {"get": {"responses": {"200": {"content": {"application/json":
                  {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}},
              "/api/v1/things": {"post": {"requestBody": {"content": {"application/json":
                  {"schema": {"type": "object", "properties": {"name": {"type": "string"}}}}}},
                "responses": {"201": {"content": {"application/json":
                  {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}}},
             "components": {"schemas": {"Thing": {"properties": {"id": {}, "name": {}, "owner": {}}}}}}
            """;

    private HttpServer server;
    private ScopeMatrix matrix;

    @BeforeEach
    void leakyService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        Scene scene = new Scene("xiangcheng", "longwen", UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        JwtSigner signer = new JwtSigner((RSAPrivateKey) TestKeys.generate().getPrivate());
        matrix = new ScopeMatrix("leaky", new Api("http://localhost:" + server.getAddress().getPort()), signer::sign,
                scene, () -> "unchanged");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        boolean docs = exchange.getRequestURI().getPath().equals("/v3/api-docs");
        boolean token = exchange.getRequestHeaders().containsKey("Authorization");
        String body = docs ? DOCS : token ? "{\"id\":\"t1\",\"name\":\"王秀英\"}" : "{\"status\":401}";
        exchange.getResponseHeaders().add("Content-Type", docs || token ? "application/json" : "application/problem+json");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(docs || token ? 200 : 401, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void anOperationWithoutARuleFailsTheMatrix() {
        matrix.rule("GET /api/v1/things/{id}").on(() -> Call.get("/api/v1/things/t1")).allow(Who.AUTHENTICATED);
        assertThatThrownBy(matrix::run).isInstanceOf(AssertionError.class)
                .hasMessageContaining("no rule for POST /api/v1/things");
    }

    @Test
    void everyCellTheServiceGetsWrongIsNamed() {
        matrix.rule("GET /api/v1/things/{id}").on(() -> Call.get("/api/v1/things/t1").showing("王秀英"))
                .allow(Who.DISTRICT_WIDE)
                .elsewhere(() -> Call.get("/api/v1/things/t2"), Outcome.NOT_FOUND);
        matrix.rule("POST /api/v1/things").on(() -> Call.post("/api/v1/things", new java.util.HashMap<>()))
                .allow(Who.DISTRICT_WIDE);
        assertThatThrownBy(matrix::run).isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /api/v1/things/{id} as OTHER_COMMUNITY_STAFF: expected FORBIDDEN, got 200")
                .hasMessageContaining("GET /api/v1/things/{id} as EXPIRED: expected UNAUTHORIZED, got 200")
                .hasMessageContaining("GET /api/v1/things/{id} as MISBOUND_MEMBER: expected FORBIDDEN, got 200")
                .hasMessageContaining("as CITY_ADMIN (another district's object): expected NOT_FOUND, got 200")
                // The answer names 'owner', which the request does not take: read-only, and not refused here.
                .hasMessageContaining("POST /api/v1/things as DISTRICT_ADMIN with read-only field owner: "
                        + "expected BAD_REQUEST, got 200")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("as ANONYMOUS"));
    }
}
