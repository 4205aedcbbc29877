package cn.zhangzhou.partybuilding.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhangzhou.partybuilding.support.SupportApiTestBase;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/me}: the verified caller, from the auto-configuration alone (the test app declares nothing). */
class MeEndpointTest extends SupportApiTestBase {

    @Test
    void returnsTheVerifiedCallerOfEachKind() {
        UUID member = UUID.randomUUID();
        Reply reply = call("GET", "/api/v1/me", TestTokens.token(Role.MEMBER, DISTRICT, null, member), null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode me = reply.json();
        assertThat(me.path("subject").asString()).isEqualTo("test-member@" + DISTRICT + "/member:" + member);
        assertThat(me.path("roles").toString()).isEqualTo("[\"MEMBER\"]");
        assertThat(me.path("district").asString()).isEqualTo(DISTRICT);
        assertThat(me.path("org").isNull()).isTrue();
        assertThat(me.path("member").asString()).isEqualTo(member.toString());

        UUID street = UUID.randomUUID();
        JsonNode staff = call("GET", "/api/v1/me", TestTokens.token(Role.STREET_STAFF, "longwen", street, null), null).json();
        assertThat(staff.path("district").asString()).isEqualTo("longwen");
        assertThat(staff.path("org").asString()).isEqualTo(street.toString());

        JsonNode city = call("GET", "/api/v1/me", TestTokens.token(Role.CITY_ADMIN, null, null, null), null).json();
        assertThat(city.path("roles").toString()).isEqualTo("[\"CITY_ADMIN\"]");
        assertThat(city.path("district").isNull()).isTrue();
    }

    @Test
    void withoutAValidTokenIs401Problem() {
        call("GET", "/api/v1/me", null, null).assertProblem(401, "Authentication required");
        call("GET", "/api/v1/me", TestTokens.expired(Role.DISTRICT_ADMIN, DISTRICT, null, null), null)
                .assertProblem(401, "expired");
        call("GET", "/api/v1/me", TestTokens.signedByOtherKey(Role.CITY_ADMIN, null, null, null), null)
                .assertProblem(401, "Invalid bearer token");
    }
}
