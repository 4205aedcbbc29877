package cn.zhangzhou.partybuilding.membership.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static cn.zhangzhou.partybuilding.membership.testing.RunningDistrict.eventually;

import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.testing.Api.Response;
import cn.zhangzhou.partybuilding.membership.testing.Fixtures;
import cn.zhangzhou.partybuilding.membership.testing.RunningDistrict;
import cn.zhangzhou.partybuilding.support.security.Role;

/**
 * Two districts' services, each with its own database, that learn of each other only from events:
 * members living and reporting across the border, and transfers of the membership relationship.
 */
class CrossDistrictTest {

    private final RunningDistrict xc = RunningDistrict.xiangcheng();
    private final RunningDistrict lw = RunningDistrict.longwen();
    private final Fixtures xcf = new Fixtures(xc);
    private final Fixtures lwf = new Fixtures(lw);

    @Test
    void aLongwenMemberLivingInXiangchengIsPlacedThereAndReports() {
        String xcCommunity = xcf.community(xcf.street());
        String xcGroup = xcf.partyGroup(xcf.grid(xcCommunity));
        String lwUnit = lwf.organisation("RESIDENT_UNIT", lw.root(), "龙文区某局党支部");

        // Longwen hears of Xiangcheng's community from Xiangcheng's events, then accepts it as a residence.
        Map<String, Object> body = lwf.memberBody(lwUnit, "xiangcheng", xcCommunity, "IN_SERVICE");
        Response registered = eventually(() -> lw.api.post("/api/v1/members", lw.admin(), body), 201);
        String member = registered.id();

        // Xiangcheng hears of the Longwen member: coverage counts them, staff place them.
        String staff = xc.staff(Role.COMMUNITY_STAFF, xcCommunity);
        eventually(() -> xc.api.get("/api/v1/coverage/" + xcCommunity, staff), 200,
                r -> r.body().path("residents").asLong() == 1);
        Response placed = xc.api.put("/api/v1/placements/" + member, staff, Map.of("partyGroupId", xcGroup));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(200);
        assertThat(placed.text("memberDistrict")).isEqualTo("longwen");

        // The member, with their Longwen token, reports to the community where they live.
        String memberToken = lw.member(member);
        Response report = xc.api.post("/api/v1/member-reports", memberToken,
                Map.of("memberId", member, "memberDistrict", "longwen", "communityId", xcCommunity));
        assertThat(report.status()).as(report.toString()).isEqualTo(201);
        assertThat(report.text("memberDistrict")).isEqualTo("longwen");
        assertThat(xc.api.post("/api/v1/member-reports/" + report.id() + "/accept", staff, null).status())
                .isEqualTo(200);

        // Feedback reaches the home district from the events.
        eventually(() -> lw.api.get("/api/v1/members/" + member + "/reports-elsewhere", lw.admin()), 200,
                r -> r.body().size() == 1 && "ACCEPTED".equals(r.body().get(0).path("status").asString()));
        // Another district's placements change nothing in Longwen, so they keep no version row there (decision 0033;
        // they once shared the member's subject and version 1 and were dropped as stale). The report's events do.
        assertThat(lw.rows("consumed_aggregate where subject = 'placement:" + member + "'")).isZero();
        assertThat(lw.rows("consumed_aggregate where consumer = 'membership-directory' and subject = '"
                + report.id() + "'")).isEqualTo(1);
    }

    @Test
    void aTransferToAnotherDistrictIsPendingUntilAcceptedThere() {
        String xcCommunity = xcf.community(xcf.street());
        String member = xcf.member(xcCommunity, xcCommunity);
        String lwCommunity = lwf.community(lwf.street());

        Response requested = eventually(() -> xc.api.post("/api/v1/members/" + member + "/transfers", xc.admin(),
                Map.of("toDistrict", "longwen", "toOrganisationId", lwCommunity, "version", 1)), 201);
        assertThat(requested.text("status")).isEqualTo("PENDING");
        assertThat(xc.api.get("/api/v1/members/" + member, xc.admin()).text("status")).isEqualTo("TRANSFER_PENDING");

        String transferId = requested.id();
        eventually(() -> lw.api.get("/api/v1/transfers/" + transferId, lw.admin()), 200,
                r -> "PENDING".equals(r.text("status")) && "INCOMING".equals(r.text("direction")));

        Response foreignAccept = lw.api.post("/api/v1/transfers/" + transferId + "/accept", xc.admin(), arrival());
        assertThat(foreignAccept.status()).isEqualTo(403);

        Response accepted = lw.api.post("/api/v1/transfers/" + transferId + "/accept", lw.admin(), arrival());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        Response arrived = lw.api.get("/api/v1/members/" + member, lw.admin());
        assertThat(arrived.text("homeOrganisationId")).isEqualTo(lwCommunity);
        assertThat(arrived.text("name")).isEqualTo("李四");

        eventually(() -> xc.api.get("/api/v1/members/" + member, xc.admin()), 200,
                r -> "TRANSFERRED_OUT".equals(r.text("status")));
        eventually(() -> xc.api.get("/api/v1/transfers/" + transferId, xc.admin()), 200,
                r -> "COMPLETED".equals(r.text("status")));
        assertThat(lw.api.post("/api/v1/transfers/" + transferId + "/accept", lw.admin(), arrival()).status())
                .isEqualTo(409);
    }

    @Test
    void aDeclinedTransferLeavesTheMemberWhereTheyWere() {
        String xcCommunity = xcf.community(xcf.street());
        String member = xcf.member(xcCommunity, xcCommunity);
        String lwCommunity = lwf.community(lwf.street());
        Response requested = eventually(() -> xc.api.post("/api/v1/members/" + member + "/transfers", xc.admin(),
                Map.of("toDistrict", "longwen", "toOrganisationId", lwCommunity, "version", 1)), 201);
        String transferId = requested.id();
        eventually(() -> lw.api.post("/api/v1/transfers/" + transferId + "/decline", lw.admin(),
                Map.of("reason", "no such member expected")), 200);

        eventually(() -> xc.api.get("/api/v1/members/" + member, xc.admin()), 200,
                r -> "ACTIVE".equals(r.text("status")));
        assertThat(xc.api.get("/api/v1/transfers/" + transferId, xc.admin()).text("status")).isEqualTo("DECLINED");
        assertThat(lw.api.get("/api/v1/members/" + member, lw.admin()).status()).isEqualTo(404);
    }

    @Test
    void aTransferToAnOrganisationTheOtherDistrictNeverAnnouncedIsRefused() {
        String xcCommunity = xcf.community(xcf.street());
        String member = xcf.member(xcCommunity, xcCommunity);
        Response response = xc.api.post("/api/v1/members/" + member + "/transfers", xc.admin(),
                Map.of("toDistrict", "longwen", "toOrganisationId", java.util.UUID.randomUUID().toString(),
                        "version", 1));
        assertThat(response.status()).isEqualTo(422);
        assertThat(xc.api.get("/api/v1/members/" + member, xc.admin()).text("status")).isEqualTo("ACTIVE");
    }

    private static Map<String, Object> arrival() {
        return Map.of("name", "李四", "phone", "13800000000", "residenceDistrict", "longwen");
    }
}
