package cn.zhangzhou.partybuilding.support;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.testapp.TestApplication;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import cn.zhangzhou.partybuilding.testing.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The test application on a real port with a real PostgreSQL database, called over real HTTP. One Spring
 * context (and database) shared by all API tests. The key wiring is exactly what a service test does.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.KEY_PROPERTY,
                // Not db/migration: in a reactor build the services' tests see this module's test classes
                // directory, and the test application's table must not turn up in their migrations.
                "spring.flyway.locations=classpath:db/testapp",
                "zz.idempotency.in-progress-wait=3s",
                // Room for twenty concurrent requests and the test's own queries beside them.
                "spring.datasource.hikari.maximum-pool-size=25"})
public abstract class SupportApiTestBase {

    protected static final String DISTRICT = "xiangcheng";
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = TestInfrastructure.newDatabase("support");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", TestInfrastructure::postgresUser);
        registry.add("spring.datasource.password", TestInfrastructure::postgresPassword);
    }

    @Value("${local.server.port}")
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    private Api api;

    @BeforeEach
    void apiClient() {
        api = new Api("http://localhost:" + port);
    }

    protected static String adminToken() {
        return TestTokens.token(Role.DISTRICT_ADMIN, DISTRICT, null, null);
    }

    /** service-testing's response, read the way these tests assert on it. */
    public record Reply(Api.Response response) {

        public int status() {
            return response.status();
        }

        public String contentType() {
            return response.contentType();
        }

        public String body() {
            return response.raw();
        }

        public JsonNode json() {
            return response.body();
        }

        public String detail() {
            return json().path("detail").asString();
        }

        public String header(String name) {
            return response.header(name);
        }

        /** The {@code field} values of the problem's {@code errors} array. */
        public List<String> errorFields() {
            List<String> fields = new ArrayList<>();
            json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
            return fields;
        }

        /** Asserts a problem JSON response with this status whose detail contains the fragment. */
        public Reply assertProblem(int expectedStatus, String detailFragment) {
            assertThat(status()).as(body()).isEqualTo(expectedStatus);
            assertThat(contentType()).as(body()).startsWith("application/problem+json");
            assertThat(json().path("status").asInt()).isEqualTo(expectedStatus);
            assertThat(detail()).contains(detailFragment);
            return this;
        }
    }

    protected Reply call(String method, String path, String token, String body, String... headers) {
        return new Reply(api.send(method, path, token, body, headers));
    }

    /** Sends the body chunked, without a Content-Length, as a streaming client would. */
    protected Reply callChunked(String method, String path, String token, byte[] body) {
        return new Reply(api.sendChunked(method, path, token, body));
    }

    protected static String thingJson(String code, String name, String category, Object quantity) {
        return JSON.writeValueAsString(Map.of("code", code, "name", name, "category", category, "quantity", quantity));
    }

    protected static String uniqueCode() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected long thingCount() {
        return jdbc.sql("SELECT count(*) FROM thing").query(Long.class).single();
    }

    protected UUID createThing(String code, int quantity) {
        Reply created = call("POST", "/api/v1/things", adminToken(), thingJson(code, "Thing " + code, "IN_SERVICE", quantity));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return UUID.fromString(created.json().path("id").asString());
    }
}
