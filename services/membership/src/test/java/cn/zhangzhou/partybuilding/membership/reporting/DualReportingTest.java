package cn.zhangzhou.partybuilding.membership.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.testing.Api.Response;
import cn.zhangzhou.partybuilding.testing.EventTap;
import cn.zhangzhou.partybuilding.membership.testing.Fixtures;
import cn.zhangzhou.partybuilding.membership.testing.RunningDistrict;
import cn.zhangzhou.partybuilding.support.security.Role;

/** 双报到 inside one district; the cross-district case is in CrossDistrictTest. */
class DualReportingTest {

    private final RunningDistrict xc = RunningDistrict.xiangcheng();
    private final Fixtures fx = new Fixtures(xc);

    @Test
    void aUnitReportsAndTheCommunityAcceptsWithAReceipt() {
        String street = fx.street();
        String community = fx.community(street);
        String unit = fx.organisation("RESIDENT_UNIT", street, "市税务局党支部");
        String staff = xc.staff(Role.COMMUNITY_STAFF, community);

        Response submitted = xc.api.post("/api/v1/unit-reports", staff,
                Map.of("unitOrganisationId", unit, "communityId", community));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
        assertThat(submitted.text("status")).isEqualTo("SUBMITTED");

        Response duplicate = xc.api.post("/api/v1/unit-reports", staff,
                Map.of("unitOrganisationId", unit, "communityId", community));
        assertThat(duplicate.status()).isEqualTo(409);

        try (EventTap tap = EventTap.open(xc.topic())) {
            Response accepted = xc.api.post("/api/v1/unit-reports/" + submitted.id() + "/accept", staff, null);
            assertThat(accepted.status()).isEqualTo(200);
            assertThat(accepted.text("receiptNumber")).startsWith("XIANGCHENG-");
            assertThat(EventTap.payload(tap.awaitType("zz.membership.UnitReportAccepted.v1", submitted.id())))
                    .contains(accepted.text("receiptNumber"));
        }
        assertThat(xc.api.post("/api/v1/unit-reports/" + submitted.id() + "/decline", staff,
                Map.of("reason", "late")).status()).isEqualTo(409);

        Response list = xc.api.get("/api/v1/unit-reports?communityId=" + community + "&status=ACCEPTED", staff);
        assertThat(list.body().path("totalItems").asLong()).isEqualTo(1);
        var listed = list.body().path("items").path(0);
        assertThat(listed.path("receiptNumber").asString()).startsWith("XIANGCHENG-");
        assertThat(listed.path("submittedAt").asString()).isNotBlank();
        assertThat(listed.path("decidedAt").asString()).isNotBlank();
    }

    @Test
    void otherCommunitiesCannotDecideAUnitReport() {
        String street = fx.street();
        String community = fx.community(street);
        String other = fx.community(street);
        String unit = fx.organisation("RESIDENT_UNIT", street, "某中学党支部");
        Response submitted = xc.api.post("/api/v1/unit-reports", xc.admin(),
                Map.of("unitOrganisationId", unit, "communityId", community));
        Response foreign = xc.api.post("/api/v1/unit-reports/" + submitted.id() + "/accept",
                xc.staff(Role.COMMUNITY_STAFF, other), null);
        assertThat(foreign.status()).isEqualTo(403);
        Response declined = xc.api.post("/api/v1/unit-reports/" + submitted.id() + "/decline",
                xc.staff(Role.COMMUNITY_STAFF, community), Map.of("reason", "not located in this community"));
        assertThat(declined.status()).isEqualTo(200);
        assertThat(declined.text("reason")).isEqualTo("not located in this community");
    }

    @Test
    void anInServiceMemberReportsWhereTheyLiveAndCanWithdraw() {
        String street = fx.street();
        String home = fx.community(street);
        String residence = fx.community(street);
        String member = fx.member(home, residence);

        Response wrongCommunity = xc.api.post("/api/v1/member-reports", xc.member(member),
                Map.of("memberId", member, "communityId", home));
        assertThat(wrongCommunity.status()).isEqualTo(422);

        Response submitted = xc.api.post("/api/v1/member-reports", xc.member(member),
                Map.of("memberId", member, "communityId", residence));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
        assertThat(xc.api.post("/api/v1/member-reports", xc.member(member),
                Map.of("memberId", member, "communityId", residence)).status()).isEqualTo(409);

        String staff = xc.staff(Role.COMMUNITY_STAFF, residence);
        assertThat(xc.api.post("/api/v1/member-reports/" + submitted.id() + "/accept", staff, null).status())
                .isEqualTo(200);
        assertThat(xc.api.get("/api/v1/member-reports?communityId=" + residence + "&status=ACCEPTED", staff)
                .body().path("totalItems").asLong()).isEqualTo(1);

        Response withdrawn = xc.api.post("/api/v1/member-reports/" + submitted.id() + "/withdraw", xc.member(member),
                null);
        assertThat(withdrawn.text("status")).isEqualTo("WITHDRAWN");
        assertThat(xc.api.post("/api/v1/member-reports/" + submitted.id() + "/withdraw", xc.member(member), null)
                .status()).isEqualTo(409);
    }

    @Test
    void retiredMembersDoNotFileMemberReportsAndOthersCannotFileForThem() {
        String community = fx.community(fx.street());
        Response retired = fx.registerMember(community, community, "RETIRED");
        Response refused = xc.api.post("/api/v1/member-reports", xc.admin(),
                Map.of("memberId", retired.id(), "communityId", community));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.raw()).contains("RETIRED");

        String member = fx.member(community, community);
        String someoneElse = fx.member(community, community);
        assertThat(xc.api.post("/api/v1/member-reports", xc.member(someoneElse),
                Map.of("memberId", member, "communityId", community)).status()).isEqualTo(403);
    }
}
