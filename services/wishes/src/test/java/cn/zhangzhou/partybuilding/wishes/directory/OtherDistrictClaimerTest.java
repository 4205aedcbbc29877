package cn.zhangzhou.partybuilding.wishes.directory;

import static cn.zhangzhou.partybuilding.wishes.testing.RunningWishes.wishBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.EventJson;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MemberUpdated;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.events.membership.OrganisationCreated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.events.wishes.WishesEvents;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventTap;
import cn.zhangzhou.partybuilding.wishes.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.wishes.testing.RunningWishes;

/**
 * Members of other districts claim here with their home district's token: those living in one of our
 * communities (known from their home district's events) and those whose member report to one of our
 * communities was accepted here.
 */
class OtherDistrictClaimerTest {

    private static final RunningWishes w = RunningWishes.get();
    private static final MembershipFeed feed = w.feed;

    private Api.Response claim(String wish, String token) {
        return w.api.post("/api/v1/wishes/" + wish + "/claim", token, null);
    }

    @Test
    void residentsAndReportedMembersOfOtherDistrictsClaimWithTheirHomeToken() {
        UUID community = feed.community();
        UUID resident = feed.foreignResident("zhangpu", community);
        UUID reported = feed.foreignReported("longwen", community);
        UUID elsewhere = feed.foreignReported("longwen", feed.community());
        String first = w.published(community);
        String second = w.published(community);

        // The token must come from the district the directory knows the member from.
        assertThat(claim(first, w.member(resident)).status()).isEqualTo(403);
        assertThat(claim(first, w.member("longwen", resident)).status()).isEqualTo(403);
        assertThat(claim(first, w.member("longwen", elsewhere)).status()).isEqualTo(403);
        assertThat(w.rows("claim where wish_id = '" + first + "'")).isZero();
        try (EventTap tap = EventTap.open(w.topic())) {
            Api.Response claimed = claim(first, w.member("zhangpu", resident));
            assertThat(claimed.status()).isEqualTo(201);
            assertThat(claimed.text("claimerDistrict")).isEqualTo("zhangpu");
            assertThat(EventTap.payload(tap.awaitType(WishesEvents.WISH_CLAIMED.ceType(), first)))
                    .contains("\"claimerDistrict\":\"zhangpu\"").contains(resident.toString());
        }
        assertThat(claim(second, w.member("longwen", reported)).status()).isEqualTo(201);
        // The claimer of another district carries on like any claimer.
        assertThat(w.api.post("/api/v1/wishes/" + first + "/contacted", w.member("zhangpu", resident), null)
                .status()).isEqualTo(200);
        assertThat(w.api.get("/api/v1/claims/mine", w.member("longwen", reported)).body().path("totalItems")
                .asLong()).isEqualTo(1);
    }

    @Test
    void aResidentWhoMovesAwayIsNoLongerEligible() {
        UUID community = feed.community();
        UUID resident = feed.foreignResident("zhangpu", community);
        feed.send("zhangpu", MembershipEvents.MEMBER_UPDATED, new MemberUpdated(resident, "zhangpu",
                UUID.randomUUID(), MemberCategory.IN_SERVICE, List.of(), null, false));
        feed.awaitRows("directory.member where member_id = '" + resident + "' and residence_community_id is null");
        String wish = w.published(community);
        assertThat(claim(wish, w.member("zhangpu", resident)).status()).isEqualTo(403);
    }

    @Test
    void anotherDistrictsOrganisationsDoNotEnterOurTree() {
        UUID foreign = UUID.randomUUID();
        String key = foreign.toString();
        OrganisationCreated created = new OrganisationCreated(foreign, "ZP-1", "绥安镇城西社区",
                OrganisationType.COMMUNITY, UUID.randomUUID());
        MembershipFeed.sendRaw("zhangpu", key, EventJson.toBytes(created), EventEnvelope.create(
                MembershipEvents.ORGANISATION_CREATED, "zhangpu", created.aggregateId(), MembershipFeed.nextVersion(),
                java.time.Instant.now(), null));
        // A marker with the same key (so the same partition, so applied after it).
        UUID marker = UUID.randomUUID();
        MemberRegistered registered = new MemberRegistered(marker, UUID.randomUUID(), RunningWishes.DISTRICT,
                feed.community(), MemberCategory.IN_SERVICE, List.of(), null, false);
        MembershipFeed.sendRaw("zhangpu", key, EventJson.toBytes(registered), EventEnvelope.create(
                MembershipEvents.MEMBER_REGISTERED, "zhangpu", registered.aggregateId(), MembershipFeed.nextVersion(),
                java.time.Instant.now(), null));
        feed.awaitRows("directory.member where member_id = '" + marker + "'");
        assertThat(w.rows("directory.organisation where id = '" + foreign + "'")).isZero();
        // Staff cannot post wishes into it either.
        assertThat(w.api.post("/api/v1/wishes", w.admin(), wishBody(foreign)).status()).isEqualTo(422);
    }
}
