package cn.zhangzhou.partybuilding.volunteering.api;

import static cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.volunteering.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering;

/**
 * Regression (decision 0016, for volunteering): a Longwen token bound to a Xiangcheng member read that member's
 * records and withdrew their claim here, since only the member id was compared. With the membership directory the
 * service knows which district holds the member, and such a token is refused (403, naming both districts) on every
 * endpoint, changing nothing; the scope matrix checks every operation.
 */
class ForgedMemberTokenTest {

    private static final RunningVolunteering v = RunningVolunteering.get();
    private static final MembershipFeed feed = v.feed;

    @Test
    void aTokenBindingOurMemberToAnotherDistrictIsRefused() {
        UUID community = feed.community();
        UUID member = v.volunteer(community);
        String post = v.post(community, Duration.ofDays(3), Map.of());
        String claim = require(v.api.post("/api/v1/posts/" + post + "/claims", v.member(member), null), 201).id();
        String forged = v.member("longwen", member);

        List<Api.Response> refused = List.of(
                v.api.get("/api/v1/volunteers/" + member, forged),
                v.api.get("/api/v1/volunteers/" + member + "/post-claims", forged),
                v.api.post("/api/v1/posts/" + post + "/claims/" + claim + "/withdraw", forged, null));
        for (Api.Response response : refused) {
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
            assertThat(response.text("detail")).contains("district longwen", "belongs to district xiangcheng");
        }
        assertThat(v.rows("post_claim where id = '" + claim + "' and status = 'ACTIVE'")).isEqualTo(1);
        assertThat(v.api.get("/api/v1/volunteers/" + member, v.member(member)).status()).isEqualTo(200);
    }
}
