package cn.zhangzhou.partybuilding.membership.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.testing.Api.Response;
import cn.zhangzhou.partybuilding.membership.testing.Fixtures;
import cn.zhangzhou.partybuilding.membership.testing.RunningDistrict;

/** Bad input: a 4xx problem naming what is wrong, never a 5xx, and nothing changed. */
class BadInputTest {

    private final RunningDistrict xc = RunningDistrict.xiangcheng();
    private final Fixtures fx = new Fixtures(xc);
    private String street;
    private long organisations;
    private long members;
    private long outbox;

    @BeforeEach
    void snapshot() {
        street = fx.street();
        organisations = xc.rows("organisation");
        members = xc.rows("member");
        outbox = xc.rows("outbox_event");
    }

    @Test
    void malformedJson() {
        Response response = xc.api.sendRaw("POST", "/api/v1/organisations", xc.admin(), "{\"code\": \"A\", ");
        assertProblem(response, 400, "JSON");
    }

    @Test
    void wrongType() {
        Response response = xc.api.sendRaw("POST", "/api/v1/organisations", xc.admin(),
                "{\"code\":\"A1\",\"name\":\"n\",\"type\":\"VILLAGE\",\"parentId\":\"" + street + "\"}");
        assertProblem(response, 400, "type");
        Response notUuid = xc.api.sendRaw("POST", "/api/v1/organisations", xc.admin(),
                "{\"code\":\"A1\",\"name\":\"n\",\"type\":\"COMMUNITY\",\"parentId\":42}");
        assertProblem(notUuid, 400, "parentId");
    }

    @Test
    void missingFields() {
        Response response = xc.api.post("/api/v1/organisations", xc.admin(), Map.of("name", "没有代码"));
        assertProblem(response, 400, "code");
        assertThat(response.raw()).contains("type");
    }

    @Test
    void unknownField() {
        Response response = xc.api.post("/api/v1/organisations", xc.admin(), Map.of("code", Fixtures.code("U"),
                "name", "n", "type", "COMMUNITY", "parentId", street, "colour", "red"));
        assertProblem(response, 400, "colour");
    }

    @Test
    void oversizedStrings() {
        Response response = xc.api.post("/api/v1/organisations", xc.admin(), Map.of("code", Fixtures.code("O"),
                "name", "长".repeat(101), "type", "COMMUNITY", "parentId", street));
        assertProblem(response, 400, "name");
        Response huge = xc.api.post("/api/v1/organisations", xc.admin(), Map.of("code", Fixtures.code("O"),
                "name", "x".repeat(200_000), "type", "COMMUNITY", "parentId", street));
        assertThat(huge.status()).isBetween(400, 499);
        assertNothingChanged();
    }

    @Test
    void unknownIds() {
        UUID unknown = UUID.randomUUID();
        assertProblem(xc.api.get("/api/v1/organisations/" + unknown, xc.admin()), 404, unknown.toString());
        assertProblem(xc.api.get("/api/v1/members/" + unknown, xc.admin()), 404, unknown.toString());
        assertProblem(xc.api.post("/api/v1/organisations/" + unknown + "/rename", xc.admin(),
                Map.of("name", "x", "version", 1)), 404, unknown.toString());
        assertProblem(xc.api.post("/api/v1/organisations", xc.admin(), Map.of("code", Fixtures.code("X"),
                "name", "n", "type", "COMMUNITY", "parentId", unknown.toString())), 422, "parentId");
        assertProblem(fx.registerMember(unknown.toString(), null, "IN_SERVICE"), 422, "homeOrganisationId");
    }

    @Test
    void malformedPathAndQuery() {
        assertProblem(xc.api.get("/api/v1/organisations/not-a-uuid", xc.admin()), 400, "id");
        assertProblem(xc.api.get("/api/v1/organisations?size=100000", xc.admin()), 400, "size");
        assertProblem(xc.api.get("/api/v1/members?category=ASTRONAUT", xc.admin()), 400, "category");
    }

    @Test
    void badMemberFields() {
        String community = fx.community(street);
        organisations = xc.rows("organisation");
        Map<String, Object> body = fx.memberBody(community, "xiangcheng", community, "IN_SERVICE");
        body.put("idNumber", "123");
        assertProblem(xc.api.post("/api/v1/members", xc.admin(), body), 400, "idNumber");
        body = fx.memberBody(community, "atlantis", null, "IN_SERVICE");
        assertProblem(xc.api.post("/api/v1/members", xc.admin(), body), 422, "residenceDistrict");
        body = fx.memberBody(community, "xiangcheng", UUID.randomUUID().toString(), "IN_SERVICE");
        assertProblem(xc.api.post("/api/v1/members", xc.admin(), body), 422, "residenceCommunityId");
    }

    /** Regression: Spring Security's firewall refused the form's parameter name while the request was read: a 500. */
    @Test
    void aFormWhoseParameterNameTheFirewallRefuses() {
        Response response = xc.api.send("POST", "/api/v1/member-reports", xc.admin(), " \n\t".repeat(3),
                "Content-Type", "application/x-www-form-urlencoded");
        assertProblem(response, 400, "The request cannot be read");
    }

    private void assertProblem(Response response, int status, String mentioned) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.raw()).contains(mentioned);
        assertNothingChanged();
    }

    private void assertNothingChanged() {
        assertThat(xc.rows("organisation")).isEqualTo(organisations);
        assertThat(xc.rows("member")).isEqualTo(members);
        assertThat(xc.rows("outbox_event")).isLessThanOrEqualTo(outbox);
    }
}
