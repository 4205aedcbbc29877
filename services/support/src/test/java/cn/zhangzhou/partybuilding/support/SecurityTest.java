package cn.zhangzhou.partybuilding.support;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** 401 for anything but a valid token with sensible claims, 403 for the wrong role or district, the Caller. */
class SecurityTest extends SupportApiTestBase {

    @Test
    void noTokenIs401ProblemWithBearerChallenge() {
        Reply reply = call("GET", "/api/v1/things", null, null).assertProblem(401, "Authentication required");
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
        // Unknown routes too: nothing about the API is revealed without a token.
        call("GET", "/api/v1/no-such-thing", null, null).assertProblem(401, "Authentication required");
        call("GET", "/api/v1/things", "not.a.jwt", null).assertProblem(401, "Invalid bearer token");
    }

    @Test
    void anExpiredTokenIs401() {
        call("GET", "/api/v1/things", TestTokens.expired(Role.DISTRICT_ADMIN, DISTRICT, null, null), null)
                .assertProblem(401, "expired");
    }

    @Test
    void aTokenSignedByAnotherKeyIs401() {
        call("GET", "/api/v1/things", TestTokens.signedByOtherKey(Role.CITY_ADMIN, null, null, null), null)
                .assertProblem(401, "Invalid bearer token");
    }

    @Test
    void malformedClaimsAre401() {
        call("GET", "/api/v1/whoami", TestTokens.withClaims("u1", Map.of("roles", List.of("KING"), "district", DISTRICT)), null)
                .assertProblem(401, "unknown role: KING");
        call("GET", "/api/v1/whoami", TestTokens.withClaims("u1", Map.of("district", DISTRICT)), null)
                .assertProblem(401, "claim 'roles'");
        call("GET", "/api/v1/whoami", TestTokens.withClaims("u1",
                Map.of("roles", List.of("COMMUNITY_STAFF"), "district", DISTRICT, "org", "community-7")), null)
                .assertProblem(401, "claim 'org' is not a UUID");
        call("GET", "/api/v1/whoami", TestTokens.withClaims("u1",
                Map.of("roles", List.of("MEMBER"), "district", DISTRICT, "member", "42")), null)
                .assertProblem(401, "claim 'member' is not a UUID");
        call("GET", "/api/v1/whoami", TestTokens.withClaims("u1", Map.of("roles", List.of("DISTRICT_ADMIN"))), null)
                .assertProblem(401, "claim 'district' is required");
    }

    @Test
    void theWrongRoleOrDistrictIs403() {
        UUID member = UUID.randomUUID();
        call("GET", "/api/v1/districts/" + DISTRICT + "/things", TestTokens.token(Role.MEMBER, DISTRICT, null, member), null)
                .assertProblem(403, "needs one of the roles [CITY_ADMIN, DISTRICT_ADMIN]");
        call("GET", "/api/v1/districts/" + DISTRICT + "/things", TestTokens.token(Role.DISTRICT_ADMIN, "longwen", null, null), null)
                .assertProblem(403, "district longwen, not " + DISTRICT);
        assertThat(call("GET", "/api/v1/districts/" + DISTRICT + "/things", adminToken(), null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/districts/longwen/things", TestTokens.token(Role.CITY_ADMIN, null, null, null), null)
                .status()).isEqualTo(200);
    }

    @Test
    void theCallerIsResolvedFromTheClaims() {
        UUID community = UUID.randomUUID();
        Reply reply = call("GET", "/api/v1/whoami", TestTokens.token(Role.COMMUNITY_STAFF, DISTRICT, community, null), null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode me = reply.json();
        assertThat(me.path("subject").asString()).isEqualTo("test-community_staff@" + DISTRICT + "/org:" + community);
        assertThat(me.path("roles").toString()).isEqualTo("[\"COMMUNITY_STAFF\"]");
        assertThat(me.path("district").asString()).isEqualTo(DISTRICT);
        assertThat(me.path("org").asString()).isEqualTo(community.toString());
        assertThat(me.path("member").isNull()).isTrue();
        assertThat(me.path("cityWide").asBoolean()).isFalse();
        assertThat(me.path("sameAsCurrent").asBoolean()).isTrue();

        JsonNode city = call("GET", "/api/v1/whoami", TestTokens.token(Role.CITY_ADMIN, null, null, null), null).json();
        assertThat(city.path("cityWide").asBoolean()).isTrue();
        assertThat(city.path("district").isNull()).isTrue();
    }

    @Test
    void operationsEndpointsAndApiDocsArePublic() {
        Reply health = call("GET", "/actuator/health/liveness", null, null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
        assertThat(call("GET", "/actuator/health/readiness", null, null).status()).isEqualTo(200);
        Reply prometheus = call("GET", "/actuator/prometheus", null, null);
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("http_server_requests");
        Reply docs = call("GET", "/v3/api-docs", null, null);
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        JsonNode whoami = docs.json().path("paths").path("/api/v1/whoami").path("get");
        assertThat(whoami.isMissingNode()).isFalse();
        // The Caller argument comes from the token, not from the request.
        assertThat(whoami.path("parameters").isMissingNode() || whoami.path("parameters").isEmpty()).isTrue();
        assertThat(call("GET", "/swagger-ui.html", null, null).status()).isIn(200, 302);
        // Everything else in the actuator needs a token.
        call("GET", "/actuator/metrics", null, null).assertProblem(401, "Authentication required");
    }
}
