package cn.zhangzhou.partybuilding.support;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhangzhou.partybuilding.embedded.FreePorts;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import cn.zhangzhou.partybuilding.testing.TestKeys;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service verifies tokens with identity's JWKS, as every deployment does. While the JWKS cannot be fetched (nothing
 * listens, or identity answers 5xx) a request with a token is 503 with a problem document and Retry-After: the caller
 * is not unauthenticated (401) and the service has no bug (500). Once identity answers, the same token is accepted.
 */
class JwksUnavailableTest extends SupportApiTestBase {

    static final int JWKS_PORT = FreePorts.find();
    static final String JWKS_PATH = "/oauth2/jwks";

    private HttpServer identity;

    @DynamicPropertySource
    static void jwks(DynamicPropertyRegistry registry) {
        // Wins over the test key of the base class: Boot builds its JWKS decoder when jwk-set-uri is set.
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> "http://localhost:" + JWKS_PORT + JWKS_PATH);
    }

    @AfterEach
    void stopIdentity() {
        if (identity != null) {
            identity.stop(0);
        }
    }

    @Test
    void whileIdentitysKeysAreOutOfReachATokenGets503AndOnceTheyAreBackItIsAccepted() throws IOException {
        // Nothing listens on identity's port.
        Reply refused = call("GET", "/api/v1/whoami", adminToken(), null)
                .assertProblem(503, "the identity service's keys are out of reach");
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(refused.header("WWW-Authenticate")).isNull();
        call("POST", "/api/v1/things", adminToken(), thingJson(uniqueCode(), "x", "OTHER", 1), "Idempotency-Key", "k1")
                .assertProblem(503, "retry in 5 s");
        // Without a token nothing needs the keys: still 401.
        call("GET", "/api/v1/whoami", null, null).assertProblem(401, "Authentication required");

        // Identity is up but cannot answer yet.
        identity = identity(503, "{\"error\":\"starting\"}");
        call("GET", "/api/v1/whoami", adminToken(), null).assertProblem(503, "keys are out of reach");

        identity.stop(0);
        RSAKey key = new RSAKey.Builder(TestKeys.publicKey(TestTokens.publicKeyPem())).build();
        identity = identity(200, new JWKSet(key).toString());
        Reply accepted = call("GET", "/api/v1/whoami", adminToken(), null);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().path("district").asString()).isEqualTo(DISTRICT);
        call("GET", "/api/v1/whoami", TestTokens.signedByOtherKey(Role.CITY_ADMIN, null, null, null), null)
                .assertProblem(401, "Invalid bearer token");
    }

    /** Identity's JWKS endpoint, answering every request with this status and body. */
    private static HttpServer identity(int status, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", JWKS_PORT), 0);
        server.createContext(JWKS_PATH, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }
}
