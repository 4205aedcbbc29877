package cn.zhangzhou.partybuilding.wishes.group;

import static cn.zhangzhou.partybuilding.wishes.testing.RunningWishes.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.MemberUpdated;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.events.wishes.WishesEvents;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventTap;
import cn.zhangzhou.partybuilding.wishes.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.wishes.testing.RunningWishes;

/** Help groups (帮帮团): founded, staffed, scoped, and claiming wishes as one claimer acted on by any member. */
class HelpGroupTest {

    private static final RunningWishes w = RunningWishes.get();
    private static final MembershipFeed feed = w.feed;

    private static String group(String id) {
        return "/api/v1/help-groups/" + id;
    }

    private static Map<String, Object> groupClaim(String groupId) {
        return Map.of("claimerKind", "GROUP", "groupId", groupId);
    }

    @Test
    void aMemberFoundsAGroupTheLeadStaffsItAndTheGroupClaims() {
        UUID community = feed.community();
        UUID lead = feed.residentMember(community);
        UUID helper = feed.reportedMember(community);
        UUID outsider = feed.residentMember(feed.community());
        UUID bystander = feed.residentMember(community);

        Api.Response created = w.api.post("/api/v1/help-groups", w.member(lead),
                Map.of("communityId", community, "name", "城西帮帮团"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("leadMemberId")).isEqualTo(lead.toString());
        assertThat(created.body().path("members").size()).isEqualTo(1);
        String g = created.id();

        // A second group of the same name in the community is a conflict.
        assertThat(w.api.post("/api/v1/help-groups", w.member(helper),
                Map.of("communityId", community, "name", "城西帮帮团")).status()).isEqualTo(409);
        // A member cannot found a group led by someone else.
        assertThat(w.api.post("/api/v1/help-groups", w.member(helper), Map.of("communityId", community,
                "name", "别人的团", "leadMemberId", lead)).status()).isEqualTo(403);
        // A member not eligible in the community cannot found one there.
        Api.Response ineligible = w.api.post("/api/v1/help-groups", w.member(outsider),
                Map.of("communityId", community, "name", "外人团"));
        assertThat(ineligible.status()).isEqualTo(422);
        assertThat(ineligible.raw()).contains("双报到");

        assertThat(w.api.post(group(g) + "/members", w.member(lead), Map.of("memberId", helper)).status())
                .isEqualTo(200);
        assertThat(w.api.post(group(g) + "/members", w.member(lead), Map.of("memberId", helper)).status())
                .isEqualTo(409);
        Api.Response notEligible = w.api.post(group(g) + "/members", w.member(lead), Map.of("memberId", outsider));
        assertThat(notEligible.status()).isEqualTo(422);
        assertThat(notEligible.isProblem()).isTrue();
        // Only the lead (or staff) adds members; a stranger to the group does not even see it.
        assertThat(w.api.post(group(g) + "/members", w.member(helper), Map.of("memberId", bystander)).status())
                .isEqualTo(403);
        assertThat(w.api.get(group(g), w.member(bystander)).status()).isEqualTo(404);
        Api.Response seen = w.api.get(group(g), w.member(helper));
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.body().path("members").size()).isEqualTo(2);

        String id = w.published(community);
        // Only the lead claims for the group.
        assertThat(w.api.post("/api/v1/wishes/" + id + "/claim", w.member(helper), groupClaim(g)).status())
                .isEqualTo(403);
        assertThat(w.rows("claim where wish_id = '" + id + "'")).isZero();
        try (EventTap tap = EventTap.open(w.topic())) {
            Api.Response claim = w.api.post("/api/v1/wishes/" + id + "/claim", w.member(lead), groupClaim(g));
            assertThat(claim.status()).isEqualTo(201);
            assertThat(claim.text("claimerKind")).isEqualTo("GROUP");
            assertThat(claim.text("claimerId")).isEqualTo(g);
            String payload = EventTap.payload(tap.awaitType(WishesEvents.WISH_CLAIMED.ceType(), id));
            assertThat(payload).contains("\"claimerKind\":\"GROUP\"").contains("\"claimerId\":\"" + g + "\"")
                    .contains("\"claimerDistrict\":\"xiangcheng\"");
        }

        // Any member of the group acts on the group's claim; others do not.
        assertThat(w.api.get("/api/v1/wishes/" + id + "/contact", w.member(bystander)).status()).isEqualTo(403);
        Api.Response contact = w.api.get("/api/v1/wishes/" + id + "/contact", w.member(helper));
        assertThat(contact.status()).isEqualTo(200);
        assertThat(contact.text("phone")).isEqualTo("13800001111");
        assertThat(w.rows("contact_reveal where wish_id = '" + id + "'")).isEqualTo(1);
        assertThat(w.api.post("/api/v1/wishes/" + id + "/contacted", w.member(helper), null).status())
                .isEqualTo(200);
        // The group's claim shows in its members' claims.
        Api.Response mine = w.api.get("/api/v1/claims/mine", w.member(helper));
        assertThat(mine.body().path("items").get(0).path("wishId").asString()).isEqualTo(id);
        assertThat(mine.body().path("items").get(0).path("claimerKind").asString()).isEqualTo("GROUP");

        // A member who left the group no longer acts for it; the lead cannot be removed.
        assertThat(w.api.sendRaw("DELETE", group(g) + "/members/" + lead, w.member(lead), null).status())
                .isEqualTo(409);
        assertThat(w.api.sendRaw("DELETE", group(g) + "/members/" + helper, w.member(lead), null).status())
                .isEqualTo(200);
        assertThat(w.api.sendRaw("DELETE", group(g) + "/members/" + helper, w.member(lead), null).status())
                .isEqualTo(404);
        assertThat(w.api.post("/api/v1/wishes/" + id + "/fulfilment", w.member(helper), Map.of("note", "修好了"))
                .status()).isEqualTo(403);
        assertThat(w.wish(id, community).text("status")).isEqualTo("CONTACTED");
        assertThat(w.api.post("/api/v1/wishes/" + id + "/fulfilment", w.member(lead), Map.of("note", "修好了"))
                .status()).isEqualTo(200);
        assertThat(w.wish(id, community).text("status")).isEqualTo("FULFILLED");
    }

    @Test
    void staffFoundGroupsInScopeOnlyAndAGroupClaimsInItsCommunityOnly() {
        UUID community = feed.community();
        UUID otherCommunity = feed.community();
        UUID lead = feed.residentMember(community);
        feed.acceptReport(lead, otherCommunity);
        UUID outsider = feed.residentMember(otherCommunity);

        assertThat(w.api.post("/api/v1/help-groups", w.staff(community),
                Map.of("communityId", community, "name", "无团长")).status()).isEqualTo(422);
        assertThat(w.api.post("/api/v1/help-groups", w.staff(community),
                Map.of("communityId", community, "name", "外人团长", "leadMemberId", outsider)).status())
                .isEqualTo(422);
        // Staff of another community act there only; a community must exist.
        assertThat(w.api.post("/api/v1/help-groups", w.staff(otherCommunity),
                Map.of("communityId", community, "name", "越界团", "leadMemberId", lead)).status()).isEqualTo(403);
        assertThat(w.api.post("/api/v1/help-groups", w.staff(community),
                Map.of("communityId", UUID.randomUUID(), "name", "无社区", "leadMemberId", lead)).status())
                .isEqualTo(422);
        assertThat(w.rows("help_group where name in ('无团长', '外人团长', '越界团', '无社区')")).isZero();

        Api.Response created = w.api.post("/api/v1/help-groups", w.staff(community),
                Map.of("communityId", community, "name", "志愿服务队", "leadMemberId", lead));
        assertThat(created.status()).isEqualTo(201);
        String g = created.id();
        assertThat(created.text("leadMemberId")).isEqualTo(lead.toString());

        Api.Response list = w.api.get("/api/v1/help-groups?communityId=" + community, w.staff(community));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().path("totalItems").asLong()).isEqualTo(1);
        assertThat(list.body().path("items").get(0).path("id").asString()).isEqualTo(g);
        assertThat(w.api.get("/api/v1/help-groups?communityId=" + community, w.staff(otherCommunity)).status())
                .isEqualTo(403);
        assertThat(w.api.get(group(g), w.staff(otherCommunity)).status()).isEqualTo(404);
        assertThat(w.api.get(group(g), w.admin()).status()).isEqualTo(200);
        assertThat(w.api.get("/api/v1/help-groups", w.member(lead)).body().path("totalItems").asLong())
                .isEqualTo(1);
        assertThat(w.api.get("/api/v1/help-groups", w.member(outsider)).body().path("totalItems").asLong())
                .isZero();
        // Staff of another community cannot change the group's members.
        assertThat(w.api.post(group(g) + "/members", w.staff(otherCommunity), Map.of("memberId", outsider))
                .status()).isEqualTo(404);

        // The group belongs to its community: a wish of another community is not its to claim.
        String elsewhere = w.published(otherCommunity);
        Api.Response refused = w.api.post("/api/v1/wishes/" + elsewhere + "/claim", w.member(lead), groupClaim(g));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.raw()).contains("belongs to community");
        assertThat(w.api.post("/api/v1/wishes/" + elsewhere + "/claim", w.member(lead),
                Map.of("claimerKind", "GROUP")).status()).isEqualTo(422);
        assertThat(w.api.post("/api/v1/wishes/" + elsewhere + "/claim", w.member(lead),
                groupClaim(UUID.randomUUID().toString())).status()).isEqualTo(404);
        assertThat(w.wish(elsewhere, otherCommunity).text("status")).isEqualTo("PUBLISHED");
        assertThat(w.rows("claim where wish_id = '" + elsewhere + "'")).isZero();
    }

    @Test
    void aLeadWhoMovedAwayNoLongerClaimsForTheGroup() {
        UUID community = feed.community();
        UUID lead = feed.residentMember(community);
        String g = require(w.api.post("/api/v1/help-groups", w.member(lead),
                Map.of("communityId", community, "name", "搬走团")), 201).id();
        feed.send(RunningWishes.DISTRICT, MembershipEvents.MEMBER_UPDATED, new MemberUpdated(lead,
                RunningWishes.DISTRICT, feed.community(), MemberCategory.IN_SERVICE, List.of(), null, false));
        feed.awaitRows("directory.member where member_id = '" + lead + "' and residence_community_id <> '" + community
                + "'");
        String id = w.published(community);
        Api.Response refused = w.api.post("/api/v1/wishes/" + id + "/claim", w.member(lead), groupClaim(g));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.raw()).contains("no longer lives");
        assertThat(w.rows("claim where wish_id = '" + id + "'")).isZero();
    }

    @Test
    void aGroupHasTheOpenClaimsLimitOfAMemberApartFromItsMembersOwnClaims() {
        UUID community = feed.community();
        UUID lead = feed.residentMember(community);
        String g = require(w.api.post("/api/v1/help-groups", w.member(lead),
                Map.of("communityId", community, "name", "限额团")), 201).id();
        for (int i = 0; i < 3; i++) {
            assertThat(w.api.post("/api/v1/wishes/" + w.published(community) + "/claim", w.member(lead),
                    groupClaim(g)).status()).isEqualTo(201);
        }
        String fourth = w.published(community);
        Api.Response refused = w.api.post("/api/v1/wishes/" + fourth + "/claim", w.member(lead), groupClaim(g));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.raw()).contains("open claims");
        assertThat(w.wish(fourth, community).text("status")).isEqualTo("PUBLISHED");
        // The lead's own limit is untouched by the group's claims.
        assertThat(w.api.post("/api/v1/wishes/" + fourth + "/claim", w.member(lead), null).status()).isEqualTo(201);
        assertThat(w.rows("claim where claimer_id = '" + g + "' and status = 'OPEN'")).isEqualTo(3);
    }
}
