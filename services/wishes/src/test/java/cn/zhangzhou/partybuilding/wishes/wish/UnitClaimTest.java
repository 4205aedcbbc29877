package cn.zhangzhou.partybuilding.wishes.wish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.wishes.WishesEvents;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventTap;
import cn.zhangzhou.partybuilding.wishes.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.wishes.testing.RunningWishes;

/** Resident units (驻区单位) claim through the community's staff, only where their unit report was accepted. */
class UnitClaimTest {

    private static final RunningWishes w = RunningWishes.get();
    private static final MembershipFeed feed = w.feed;

    private static Map<String, Object> unitClaim(Object unit) {
        return Map.of("claimerKind", "UNIT", "unitId", unit);
    }

    @Test
    void staffClaimForAReportedUnitAndActOnTheUnitsClaim() {
        UUID community = feed.community();
        UUID unit = feed.reportedUnit(community);
        UUID member = feed.residentMember(community);
        String id = w.published(community);
        try (EventTap tap = EventTap.open(w.topic())) {
            Api.Response claim = w.api.post("/api/v1/wishes/" + id + "/claim", w.staff(community), unitClaim(unit));
            assertThat(claim.status()).isEqualTo(201);
            assertThat(claim.text("claimerKind")).isEqualTo("UNIT");
            assertThat(claim.text("claimerId")).isEqualTo(unit.toString());
            assertThat(EventTap.payload(tap.awaitType(WishesEvents.WISH_CLAIMED.ceType(), id)))
                    .contains("\"claimerKind\":\"UNIT\"").contains("\"claimerId\":\"" + unit + "\"");
        }
        // A member is not the unit; staff of the community act for it.
        assertThat(w.api.post("/api/v1/wishes/" + id + "/contacted", w.member(member), null).status()).isEqualTo(403);
        assertThat(w.api.post("/api/v1/wishes/" + id + "/contacted", w.staff(feed.community()), null).status())
                .isEqualTo(403);
        assertThat(w.api.post("/api/v1/wishes/" + id + "/contacted", w.staff(community), null).status())
                .isEqualTo(200);
        assertThat(w.api.post("/api/v1/wishes/" + id + "/fulfilment", w.admin(), Map.of("note", "单位送来了米和油"))
                .status()).isEqualTo(200);
        assertThat(w.wish(id, community).text("status")).isEqualTo("FULFILLED");
    }

    @Test
    void aUnitNotReportedToTheCommunityIs422AndNothingChanges() {
        UUID community = feed.community();
        UUID otherCommunity = feed.community();
        UUID reportedElsewhere = feed.reportedUnit(otherCommunity);
        UUID member = feed.residentMember(community);
        String id = w.published(community);

        Api.Response refused = w.api.post("/api/v1/wishes/" + id + "/claim", w.staff(community),
                unitClaim(reportedElsewhere));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.raw()).contains("单位报到").contains(community.toString());
        assertThat(w.api.post("/api/v1/wishes/" + id + "/claim", w.staff(community), unitClaim(UUID.randomUUID()))
                .status()).isEqualTo(422);
        assertThat(w.api.post("/api/v1/wishes/" + id + "/claim", w.staff(community), Map.of("claimerKind", "UNIT"))
                .status()).isEqualTo(422);
        // Only staff of the wish's community claim for a unit.
        assertThat(w.api.post("/api/v1/wishes/" + id + "/claim", w.member(member), unitClaim(reportedElsewhere))
                .status()).isEqualTo(403);
        assertThat(w.api.post("/api/v1/wishes/" + id + "/claim", w.staff(otherCommunity),
                unitClaim(reportedElsewhere)).status()).isEqualTo(403);
        // An unknown claimer kind is bad input.
        assertThat(w.api.post("/api/v1/wishes/" + id + "/claim", w.member(member), Map.of("claimerKind", "CLUB"))
                .status()).isEqualTo(400);
        assertThat(w.wish(id, community).text("status")).isEqualTo("PUBLISHED");
        assertThat(w.rows("claim where wish_id = '" + id + "'")).isZero();
    }
}
