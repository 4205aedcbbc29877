package cn.zhangzhou.partybuilding.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhangzhou.partybuilding.identity.testing.Browser;
import cn.zhangzhou.partybuilding.identity.testing.IdentityTest;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.security.CallerClaims;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.testing.Api;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import tools.jackson.databind.json.JsonMapper;

/** District systems: registered through the API, tokens by client credentials with DISTRICT_SYSTEM and the district. */
class ClientCredentialsTest extends IdentityTest {

    @Autowired
    JdbcClient jdbc;

    private Browser.Reply token(String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return browser.postForm(baseUrl() + "/oauth2/token", Map.of("grant_type", "client_credentials"), basic);
    }

    private long clientRows() {
        return jdbc.sql("SELECT count(*) FROM oauth2_registered_client").query(Long.class).single();
    }

    @Test
    void aRegisteredDistrictSystemGetsADistrictSystemTokenOfItsDistrict() {
        Api.Response registered = api.post("/api/v1/clients", adminToken(),
                Map.of("name", unique("Xiangcheng grid system"), "district", "xiangcheng"));
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        String clientId = registered.text("clientId");
        String secret = registered.text("clientSecret");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
        // Stored hashed (Argon2id), never in clear.
        String stored = jdbc.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = :id")
                .param("id", clientId).query(String.class).single();
        assertThat(stored).startsWith("{argon2}").doesNotContain(secret);
        // Shown once: reading it back gives no secret.
        Api.Response read = api.get("/api/v1/clients/" + clientId, adminToken());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().has("clientSecret")).isFalse();
        assertThat(read.text("district")).isEqualTo("xiangcheng");

        Browser.Reply token = token(clientId, secret);
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        String accessToken = JsonMapper.builder().build().readTree(token.body()).path("access_token").asString();
        Jwt jwt = jwksDecoder().decode(accessToken);
        assertThat(jwt.getSubject()).isEqualTo(clientId);
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("DISTRICT_SYSTEM");
        assertThat(jwt.getClaimAsString("district")).isEqualTo("xiangcheng");
        Caller caller = CallerClaims.caller(jwt.getSubject(), jwt.getClaims());
        assertThat(caller.roles()).containsExactly(Role.DISTRICT_SYSTEM);
        assertThat(caller.administers("xiangcheng")).isTrue();
        assertThat(caller.administers("longwen")).isFalse();
    }

    @Test
    void aWrongSecretOrAnUnknownClientIs401() {
        Api.Response registered = api.post("/api/v1/clients", adminToken(),
                Map.of("name", unique("Longwen system"), "district", "longwen"));
        String clientId = registered.text("clientId");
        Browser.Reply wrong = token(clientId, registered.text("clientSecret") + "x");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("invalid_client");
        assertThat(token("sys-nobody", "whatever").status()).isEqualTo(401);
    }

    @Test
    void aDistrictAdminRegistersSystemsOfTheirOwnDistrictOnly() {
        String username = unique("dadmin");
        createUser(username, Set.of("DISTRICT_ADMIN"), "xiangcheng", null, null);
        String districtAdmin = signIn(username, PASSWORD);

        long before = clientRows();
        Api.Response other = api.post("/api/v1/clients", districtAdmin,
                Map.of("name", unique("Not mine"), "district", "longwen"));
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.isProblem()).isTrue();
        assertThat(clientRows()).isEqualTo(before);

        Api.Response own = api.post("/api/v1/clients", districtAdmin,
                Map.of("name", unique("Mine"), "district", "xiangcheng"));
        assertThat(own.status()).isEqualTo(201);

        // Lists only its own district; asking for another is 403.
        Api.Response list = api.get("/api/v1/clients?size=200", districtAdmin);
        assertThat(list.status()).isEqualTo(200);
        list.body().path("items").forEach(item -> assertThat(item.path("district").asString()).isEqualTo("xiangcheng"));
        assertThat(api.get("/api/v1/clients?district=longwen", districtAdmin).status()).isEqualTo(403);

        // A longwen system registered by the CITY_ADMIN is not readable by xiangcheng's admin.
        String longwen = api.post("/api/v1/clients", adminToken(),
                Map.of("name", unique("Longwen"), "district", "longwen")).text("clientId");
        assertThat(api.get("/api/v1/clients/" + longwen, districtAdmin).status()).isEqualTo(403);
    }

    @Test
    void badInputAndDuplicatesChangeNothing() {
        long before = clientRows();
        Api.Response noDistrict = api.post("/api/v1/clients", adminToken(), Map.of("name", "x", "district", "Not A District"));
        assertThat(noDistrict.status()).isEqualTo(400);
        assertThat(noDistrict.raw()).contains("district");
        Api.Response noName = api.post("/api/v1/clients", adminToken(), Map.of("name", " ", "district", "xiangcheng"));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(clientRows()).isEqualTo(before);

        String name = unique("Twice");
        assertThat(api.post("/api/v1/clients", adminToken(), Map.of("name", name, "district", "xiangcheng")).status())
                .isEqualTo(201);
        long afterFirst = clientRows();
        Api.Response twice = api.post("/api/v1/clients", adminToken(), Map.of("name", name, "district", "xiangcheng"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(clientRows()).isEqualTo(afterFirst);

        // A replayable create would keep the secret in clear: refused.
        Api.Response idempotent = api.post("/api/v1/clients", adminToken(),
                Map.of("name", unique("Retry"), "district", "xiangcheng"), Map.of("Idempotency-Key", "k-1"));
        assertThat(idempotent.status()).isEqualTo(400);
        assertThat(clientRows()).isEqualTo(afterFirst);
    }

    @Test
    void membersAndStaffCannotRegisterClients() {
        String username = unique("staff");
        createUser(username, Set.of("STREET_STAFF"), "xiangcheng", java.util.UUID.randomUUID(), null);
        Api.Response refused = api.post("/api/v1/clients", signIn(username, PASSWORD),
                Map.of("name", unique("Sneaky"), "district", "xiangcheng"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(api.post("/api/v1/clients", null, Map.of("name", "x", "district", "xiangcheng")).status())
                .isEqualTo(401);
    }
}
