package cn.zhangzhou.partybuilding.membership.api;

import static cn.zhangzhou.partybuilding.membership.testing.RunningDistrict.eventually;
import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.FORBIDDEN;
import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.HIDDEN;
import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.NOT_FOUND;
import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.UNPROCESSABLE;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.DISTRICT_STAFF;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.DISTRICT_WIDE;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.MEMBERS;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.OTHER_COMMUNITY_STAFF;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.OTHER_DISTRICT_ADMIN;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.OTHER_DISTRICT_SYSTEM;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.OTHER_STREET_STAFF;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.OWNER;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.STAFF_IN_SCOPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.membership.testing.Fixtures;
import cn.zhangzhou.partybuilding.membership.testing.RunningDistrict;
import cn.zhangzhou.partybuilding.testing.Api.Response;
import cn.zhangzhou.partybuilding.testing.matrix.Call;
import cn.zhangzhou.partybuilding.testing.matrix.DatabaseFingerprint;
import cn.zhangzhou.partybuilding.testing.matrix.DeadLetterRules;
import cn.zhangzhou.partybuilding.testing.matrix.Scene;
import cn.zhangzhou.partybuilding.testing.matrix.ScopeMatrix;
import cn.zhangzhou.partybuilding.testing.matrix.Who;

/**
 * Every operation of membership × every caller × an object of the caller's scope and one of another district
 * (docs/reliability.md, "Scope matrix"). An id this district does not hold is 404 in the path and 422 in a body or
 * query (naming the field); an object it holds outside the caller's scope is 403. The organisation tree (no
 * personal data) is read by staff of the district at any level and by members of any district, who report to its
 * communities.
 */
class ScopeMatrixTest {

    private final RunningDistrict xc = RunningDistrict.xiangcheng();
    private final RunningDistrict lw = RunningDistrict.longwen();
    private final Fixtures fx = new Fixtures(xc);
    private final Fixtures lwf = new Fixtures(lw);

    // The scene: a street with the object's community and another one, another street, members of the community.
    private final String street = fx.street();
    private final String community = fx.community(street);
    private final String otherCommunity = fx.community(street);
    private final String otherStreet = fx.street();
    private final String gridA = fx.grid(community);
    private final String gridB = fx.grid(community);
    private final String partyGroup = fx.partyGroup(gridA);
    private final Response owner = registered(community);
    private final String neighbour = fx.member(community, community);
    // Longwen's objects, which Xiangcheng does not hold.
    private final String lwStreet = lwf.street();
    private final String lwCommunity = lwf.community(lwStreet);
    private final String lwMember = lwf.member(lwCommunity, lwCommunity);

    @Test
    void everyOperationEveryCallerEveryScope() {
        await().atMost(Duration.ofSeconds(60)).until(() -> xc.rows("external_member where id = '" + lwMember + "'") == 1
                && xc.rows("external_organisation where id = '" + lwCommunity + "'") == 1);
        assertThat(xc.api.put("/api/v1/placements/" + owner.id(), xc.admin(), Map.of("partyGroupId", partyGroup))
                .status()).isEqualTo(200);
        Scene scene = new Scene("xiangcheng", "longwen", id(street), id(otherStreet), id(community),
                id(otherCommunity), id(owner.id()), id(neighbour), id(lwMember));
        try (DatabaseFingerprint database = new DatabaseFingerprint(xc.jdbcUrl, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword(), "external_organisation", "external_member",
                "member_report_elsewhere")) {
            ScopeMatrix matrix = new ScopeMatrix("membership", xc.api,
                    ScopeMatrix.signedWith("support-test-keys/jwt-private.pem"), scene, database);
            organisations(matrix);
            members(matrix);
            transfers(matrix);
            placements(matrix);
            reports(matrix);
            matrix.rule("GET /api/v1/statistics").on(() -> Call.get("/api/v1/statistics")).allow(DISTRICT_STAFF);
            matrix.rule("GET /api/v1/statistics/city/communities")
                    .on(() -> Call.get("/api/v1/statistics/city/communities")).allow(DISTRICT_STAFF);
            matrix.rule("GET /api/v1/me").on(() -> Call.get("/api/v1/me")).allow(Who.AUTHENTICATED);
            DeadLetterRules.addTo(matrix, xc.api, xc.admin());
            assertThat(matrix.run().calls()).isGreaterThan(1000);
        }
    }

    private void organisations(ScopeMatrix matrix) {
        EnumSet<Who> readers = EnumSet.copyOf(DISTRICT_STAFF);
        readers.addAll(MEMBERS);
        matrix.rule("POST /api/v1/organisations").on(() -> Call.post("/api/v1/organisations", grid(community)))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/organisations", grid(lwCommunity)), UNPROCESSABLE);
        matrix.rule("GET /api/v1/organisations/{id}").on(() -> Call.get("/api/v1/organisations/" + community))
                .allow(readers)
                .elsewhere(() -> Call.get("/api/v1/organisations/" + lwCommunity), NOT_FOUND)
                .elsewhereAs(FORBIDDEN, OTHER_DISTRICT_ADMIN, OTHER_DISTRICT_SYSTEM);
        matrix.rule("GET /api/v1/organisations/{id}/subtree")
                .on(() -> Call.get("/api/v1/organisations/" + street + "/subtree").showing(community))
                .allow(readers)
                .elsewhere(() -> Call.get("/api/v1/organisations/" + lwCommunity + "/subtree"), NOT_FOUND)
                .elsewhereAs(FORBIDDEN, OTHER_DISTRICT_ADMIN, OTHER_DISTRICT_SYSTEM);
        matrix.rule("GET /api/v1/organisations")
                .on(() -> Call.get("/api/v1/organisations?parentId=" + street).showing(community))
                .allow(readers)
                .elsewhere(() -> Call.get("/api/v1/organisations?parentId=" + lwStreet).showing(lwCommunity), HIDDEN)
                .elsewhereAs(FORBIDDEN, OTHER_DISTRICT_ADMIN, OTHER_DISTRICT_SYSTEM);
        matrix.rule("POST /api/v1/organisations/{id}/rename")
                .on(() -> Call.post("/api/v1/organisations/" + created(grid(community)) + "/rename", version1("name", "改名")))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/organisations/" + lwCommunity + "/rename", version1("name", "x")),
                        NOT_FOUND);
        matrix.rule("POST /api/v1/organisations/{id}/move")
                .on(() -> Call.post("/api/v1/organisations/" + created(partyGroup(gridA)) + "/move",
                        version1("parentId", gridB)))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/organisations/" + lwCommunity + "/move", version1("parentId", gridB)),
                        NOT_FOUND);
        matrix.rule("POST /api/v1/organisations/{id}/deactivate")
                .on(() -> Call.post("/api/v1/organisations/" + created(grid(community)) + "/deactivate", version1()))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/organisations/" + lwCommunity + "/deactivate", version1()),
                        NOT_FOUND);
    }

    private void members(ScopeMatrix matrix) {
        matrix.rule("POST /api/v1/members")
                .on(() -> Call.post("/api/v1/members", fx.memberBody(community, "xiangcheng", community, "IN_SERVICE")))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/members",
                        fx.memberBody(lwCommunity, "xiangcheng", community, "IN_SERVICE")), UNPROCESSABLE);
        // The member's name is personal data: it shows to whoever may read the member, to no one else.
        matrix.rule("GET /api/v1/members/{id}")
                .on(() -> Call.get("/api/v1/members/" + owner.id()).showing(owner.text("name")))
                .allow(STAFF_IN_SCOPE).allow(OWNER)
                .elsewhere(() -> Call.get("/api/v1/members/" + lwMember), NOT_FOUND);
        matrix.rule("PUT /api/v1/members/{id}")
                .on(() -> {
                    Map<String, Object> change = fx.memberBody(community, "xiangcheng", community, "RETIRED");
                    change.put("version", 1);
                    return Call.put("/api/v1/members/" + fx.member(community, community), change);
                })
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> {
                    Map<String, Object> change = fx.memberBody(lwCommunity, "longwen", lwCommunity, "RETIRED");
                    change.put("version", 1);
                    return Call.put("/api/v1/members/" + lwMember, change);
                }, NOT_FOUND);
        // Staff of another street or community search, and find nobody of this community.
        matrix.rule("GET /api/v1/members")
                .on(() -> Call.get("/api/v1/members?size=200&name="
                        + URLEncoder.encode(owner.text("name"), StandardCharsets.UTF_8)).showing(owner.id()))
                .allow(STAFF_IN_SCOPE).as(HIDDEN, OTHER_STREET_STAFF, OTHER_COMMUNITY_STAFF);
        matrix.rule("GET /api/v1/members/{memberId}/reports-elsewhere")
                .on(() -> Call.get("/api/v1/members/" + owner.id() + "/reports-elsewhere"))
                .allow(STAFF_IN_SCOPE).allow(OWNER)
                .elsewhere(() -> Call.get("/api/v1/members/" + lwMember + "/reports-elsewhere"), NOT_FOUND);
        matrix.rule("GET /api/v1/members/{memberId}/service-elsewhere")
                .on(() -> Call.get("/api/v1/members/" + owner.id() + "/service-elsewhere"))
                .allow(STAFF_IN_SCOPE).allow(OWNER)
                .elsewhere(() -> Call.get("/api/v1/members/" + lwMember + "/service-elsewhere"), NOT_FOUND);
    }

    private void transfers(ScopeMatrix matrix) {
        String internal = xc.api.post("/api/v1/members/" + fx.member(community, community) + "/transfers", xc.admin(),
                Map.of("toDistrict", "xiangcheng", "toOrganisationId", otherCommunity, "version", 1)).id();
        // Inside the district a transfer completes at once: the caller's scope covers both communities.
        matrix.rule("POST /api/v1/members/{memberId}/transfers")
                .on(() -> Call.post("/api/v1/members/" + fx.member(community, community) + "/transfers",
                        version1("toDistrict", "xiangcheng", "toOrganisationId", otherCommunity)))
                .allow(DISTRICT_WIDE).allow(Who.STREET_STAFF)
                .elsewhere(() -> Call.post("/api/v1/members/" + lwMember + "/transfers",
                        version1("toDistrict", "xiangcheng", "toOrganisationId", community)), NOT_FOUND);
        matrix.rule("GET /api/v1/transfers").on(() -> Call.get("/api/v1/transfers")).allow(DISTRICT_WIDE);
        matrix.rule("GET /api/v1/transfers/{id}").on(() -> Call.get("/api/v1/transfers/" + internal))
                .allow(DISTRICT_WIDE)
                .elsewhere(() -> Call.get("/api/v1/transfers/" + UUID.randomUUID()), FORBIDDEN)
                .elsewhereAs(NOT_FOUND, DISTRICT_WIDE);
        matrix.rule("POST /api/v1/transfers/{id}/accept")
                .on(() -> Call.post("/api/v1/transfers/" + incomingTransfer() + "/accept", new HashMap<>(Map.of(
                        "name", "李四", "phone", "13800000000", "residenceDistrict", "xiangcheng",
                        "residenceCommunityId", community))))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/transfers/" + UUID.randomUUID() + "/accept",
                        Map.of("name", "李四", "residenceDistrict", "xiangcheng")), NOT_FOUND);
        matrix.rule("POST /api/v1/transfers/{id}/decline")
                .on(() -> Call.post("/api/v1/transfers/" + incomingTransfer() + "/decline", reason()))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/transfers/" + UUID.randomUUID() + "/decline", reason()), NOT_FOUND);
        matrix.rule("POST /api/v1/transfers/{id}/cancel")
                .on(() -> Call.post("/api/v1/transfers/" + outgoingTransfer() + "/cancel", reason()))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/transfers/" + UUID.randomUUID() + "/cancel", reason()), NOT_FOUND);
    }

    private void placements(ScopeMatrix matrix) {
        matrix.rule("PUT /api/v1/placements/{memberId}")
                .on(() -> Call.put("/api/v1/placements/" + fx.member(community, community),
                        new HashMap<>(Map.of("partyGroupId", partyGroup))))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.put("/api/v1/placements/" + lwMember, Map.of("partyGroupId", partyGroup)),
                        FORBIDDEN)
                .elsewhereAs(UNPROCESSABLE, STAFF_IN_SCOPE);
        // Where a member lives (community, grid, party group) shows to the member and to staff in scope only.
        matrix.rule("GET /api/v1/placements/{memberId}")
                .on(() -> Call.get("/api/v1/placements/" + owner.id()).showing(community))
                .allow(STAFF_IN_SCOPE).allow(OWNER)
                .elsewhere(() -> Call.get("/api/v1/placements/" + lwMember), FORBIDDEN)
                .elsewhereAs(NOT_FOUND, DISTRICT_STAFF).elsewhereAs(NOT_FOUND, Who.OTHER_DISTRICT_MEMBER);
        matrix.rule("GET /api/v1/coverage/{organisationId}")
                .on(() -> Call.get("/api/v1/coverage/" + community + "?size=200").showing(neighbour))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.get("/api/v1/coverage/" + lwCommunity), NOT_FOUND);
    }

    private void reports(ScopeMatrix matrix) {
        matrix.rule("POST /api/v1/unit-reports")
                .on(() -> Call.post("/api/v1/unit-reports",
                        new HashMap<>(Map.of("unitOrganisationId", unit(), "communityId", community))))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/unit-reports",
                        Map.of("unitOrganisationId", unit(), "communityId", lwCommunity)), UNPROCESSABLE);
        matrix.rule("POST /api/v1/unit-reports/{id}/accept")
                .on(() -> Call.post("/api/v1/unit-reports/" + unitReport() + "/accept", null))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/unit-reports/" + UUID.randomUUID() + "/accept", null), NOT_FOUND);
        matrix.rule("POST /api/v1/unit-reports/{id}/decline")
                .on(() -> Call.post("/api/v1/unit-reports/" + unitReport() + "/decline", reason()))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/unit-reports/" + UUID.randomUUID() + "/decline", reason()),
                        NOT_FOUND);
        matrix.rule("GET /api/v1/unit-reports").on(() -> Call.get("/api/v1/unit-reports?communityId=" + community))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.get("/api/v1/unit-reports?communityId=" + lwCommunity), UNPROCESSABLE);
        matrix.rule("POST /api/v1/member-reports")
                .on(() -> {
                    String member = fx.member(community, community);
                    return Call.post("/api/v1/member-reports",
                            new HashMap<>(Map.of("memberId", member, "communityId", community))).ownedBy(id(member));
                })
                .allow(STAFF_IN_SCOPE).allow(OWNER)
                .elsewhere(() -> Call.post("/api/v1/member-reports",
                        Map.of("memberId", neighbour, "communityId", lwCommunity)), UNPROCESSABLE);
        matrix.rule("POST /api/v1/member-reports/{id}/accept")
                .on(() -> memberReport("accept", null))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/member-reports/" + UUID.randomUUID() + "/accept", null), NOT_FOUND);
        matrix.rule("POST /api/v1/member-reports/{id}/decline")
                .on(() -> memberReport("decline", reason()))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/member-reports/" + UUID.randomUUID() + "/decline", reason()),
                        NOT_FOUND);
        matrix.rule("POST /api/v1/member-reports/{id}/withdraw")
                .on(() -> memberReport("withdraw", null))
                .allow(STAFF_IN_SCOPE).allow(OWNER)
                .elsewhere(() -> Call.post("/api/v1/member-reports/" + UUID.randomUUID() + "/withdraw", null),
                        NOT_FOUND);
        matrix.rule("GET /api/v1/member-reports").on(() -> Call.get("/api/v1/member-reports?communityId=" + community))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.get("/api/v1/member-reports?communityId=" + lwCommunity), UNPROCESSABLE);
    }

    /** Fields a client may send but the service sets itself: sent anyway, they change nothing. */
    @Test
    void readOnlyFieldsInsideARequestAreIgnored() {
        Map<String, Object> body = fx.memberBody(community, "xiangcheng", community, "IN_SERVICE");
        body.put("version", 42);
        Response registered = xc.api.post("/api/v1/members", xc.admin(), body);
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.version()).isEqualTo(1);
        // The member's district comes from what Xiangcheng knows, not from the request.
        Response report = xc.api.post("/api/v1/member-reports", xc.admin(),
                Map.of("memberId", registered.id(), "memberDistrict", "longwen", "communityId", community));
        assertThat(report.status()).isEqualTo(201);
        assertThat(report.text("memberDistrict")).isEqualTo("xiangcheng");
    }

    // ---- objects of the scene, one per call ----

    private Response registered(String communityId) {
        Response response = fx.registerMember(communityId, communityId, "IN_SERVICE");
        assertThat(response.status()).isEqualTo(201);
        return response;
    }

    private static Map<String, Object> grid(String parent) {
        return new HashMap<>(Map.of("code", Fixtures.code("G"), "name", "网格", "type", "GRID", "parentId", parent));
    }

    private static Map<String, Object> partyGroup(String grid) {
        return new HashMap<>(Map.of("code", Fixtures.code("P"), "name", "党小组", "type", "PARTY_GROUP", "parentId", grid));
    }

    private String created(Map<String, Object> organisation) {
        Response response = xc.api.post("/api/v1/organisations", xc.admin(), organisation);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }

    private String unit() {
        return fx.organisation("RESIDENT_UNIT", street, "驻区单位");
    }

    private String unitReport() {
        Response report = xc.api.post("/api/v1/unit-reports", xc.admin(),
                Map.of("unitOrganisationId", unit(), "communityId", community));
        assertThat(report.status()).as(report.toString()).isEqualTo(201);
        return report.id();
    }

    /** A member's report to the community, submitted; the member owns it. */
    private Call memberReport(String action, Map<String, Object> body) {
        String member = fx.member(community, community);
        Response report = xc.api.post("/api/v1/member-reports", xc.admin(),
                Map.of("memberId", member, "communityId", community));
        assertThat(report.status()).as(report.toString()).isEqualTo(201);
        return Call.post("/api/v1/member-reports/" + report.id() + "/" + action, body).ownedBy(id(member));
    }

    /** Longwen asks Xiangcheng to take over one of its members into the community: pending here. */
    private String incomingTransfer() {
        String member = lwf.member(lwCommunity, lwCommunity);
        String transfer = eventually(() -> lw.api.post("/api/v1/members/" + member + "/transfers", lw.admin(),
                Map.of("toDistrict", "xiangcheng", "toOrganisationId", community, "version", 1)), 201).id();
        eventually(() -> xc.api.get("/api/v1/transfers/" + transfer, xc.admin()), 200);
        return transfer;
    }

    /** One of the community's members asked to move to Longwen: pending until Longwen answers (it does not here). */
    private String outgoingTransfer() {
        String member = fx.member(community, community);
        return eventually(() -> xc.api.post("/api/v1/members/" + member + "/transfers", xc.admin(),
                Map.of("toDistrict", "longwen", "toOrganisationId", lwCommunity, "version", 1)), 201).id();
    }

    private static Map<String, Object> reason() {
        return new HashMap<>(Map.of("reason", "不符合条件"));
    }

    private static Map<String, Object> version1(Object... keysAndValues) {
        Map<String, Object> body = new HashMap<>(Map.of("version", 1));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    private static UUID id(String id) {
        return UUID.fromString(id);
    }
}
