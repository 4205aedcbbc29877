package cn.zhangzhou.partybuilding.wishes.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.wishes.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.wishes.testing.RunningWishes;

/**
 * Regression (issue 12, "a member id from another district"): a Longwen account bound to a Xiangcheng member read
 * that member's wishes and contact details, claimed, contacted and fulfilled for them and ran help groups here. A
 * MEMBER token whose member the directory knows under another district is refused (403, naming the mismatch) on
 * every endpoint, and changes nothing.
 */
class ForgedMemberTokenTest {

    private static final RunningWishes w = RunningWishes.get();
    private static final MembershipFeed feed = w.feed;

    @Test
    void aTokenBindingOurMemberToAnotherDistrictIsRefusedEverywhere() {
        UUID community = feed.community();
        UUID member = feed.residentMember(community);
        UUID neighbour = feed.residentMember(community);
        String claimed = w.published(community);
        RunningWishes.require(w.api.post("/api/v1/wishes/" + claimed + "/claim", w.member(member), null), 201);
        String open = w.published(community);
        String forged = w.member("longwen", member);
        long unchanged = w.rows("claim") + w.rows("help_group") + w.rows("contact_reveal");

        List<Api.Response> refused = List.of(
                w.api.get("/api/v1/wishes/" + claimed, forged),
                w.api.get("/api/v1/wishes/" + claimed + "/history", forged),
                w.api.get("/api/v1/wishes/" + claimed + "/contact", forged),
                w.api.get("/api/v1/wishes?communityId=" + community, forged),
                w.api.get("/api/v1/claims/mine", forged),
                w.api.post("/api/v1/wishes/" + open + "/claim", forged, null),
                w.api.post("/api/v1/wishes/" + claimed + "/contacted", forged, null),
                w.api.post("/api/v1/wishes/" + claimed + "/fulfilment", forged, Map.of("note", "送到了")),
                w.api.post("/api/v1/wishes/" + claimed + "/claim/withdraw", forged, null),
                w.api.post("/api/v1/help-groups", forged, Map.of("communityId", community, "name", "帮帮团")));
        for (Api.Response response : refused) {
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
            assertThat(response.isProblem()).isTrue();
            assertThat(response.text("detail")).contains("district longwen", "belongs to district xiangcheng");
        }
        assertThat(w.rows("claim") + w.rows("help_group") + w.rows("contact_reveal")).isEqualTo(unchanged);
        assertThat(w.rows("wish where id = '" + open + "' and status = 'PUBLISHED'")).isEqualTo(1);
        assertThat(w.rows("wish where id = '" + claimed + "' and status = 'CLAIMED'")).isEqualTo(1);

        // The member's own token still works, and another district's member of ours is refused alike.
        assertThat(w.api.get("/api/v1/wishes/" + claimed + "/contact", w.member(member)).status()).isEqualTo(200);
        assertThat(w.api.get("/api/v1/claims/mine", w.member("zhangpu", neighbour)).status()).isEqualTo(403);
    }
}
