package cn.zhangzhou.partybuilding.wishes.report;

import static cn.zhangzhou.partybuilding.wishes.testing.RunningWishes.require;
import static cn.zhangzhou.partybuilding.wishes.testing.RunningWishes.wishBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.wishes.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.wishes.testing.RunningWishes;

/**
 * The yearly report, on a year modelled on 漳浦县绥安镇城西社区 2015: 150 wishes claimed, fulfilled and confirmed
 * for 35 people (the same people helped more than once), replayed through the API with the test clock in 2015.
 */
class WishReportTest {

    private static final RunningWishes w = RunningWishes.get();
    /** A district committee of its own: the district report of 2015 counts only this class's wishes. */
    private static final MembershipFeed feed = new MembershipFeed(w);

    static final Instant MARCH_2015 = Instant.parse("2015-03-01T01:00:00Z");

    @Test
    void chengxi2015ClaimedHundredFiftyWishesOfThirtyFivePeople() {
        UUID street = feed.organisation(OrganisationType.STREET_COMMITTEE, feed.root(), "绥安镇");
        UUID chengxi = feed.organisation(OrganisationType.COMMUNITY, street, "城西社区");
        UUID neighbour = feed.organisation(OrganisationType.COMMUNITY, street, "城东社区");
        UUID member = feed.residentMember(chengxi);
        String staff = w.staff(chengxi);
        Instant before = w.clock.instant();
        try {
            List<String> beneficiaries = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                // Known spreads: posting to claim 1..5 days (median 3), claim to fulfilment 2..11 days (median 6.5).
                Instant posted = MARCH_2015.plus(Duration.ofHours(12L * i));
                Instant claimed = posted.plus(Duration.ofDays(i % 5 + 1));
                Instant fulfilled = claimed.plus(Duration.ofDays(i % 10 + 2));
                w.clock.set(posted);
                Map<String, Object> body = wishBody(chengxi);
                if (i >= 35) {
                    body.remove("beneficiary");
                    body.put("beneficiaryId", beneficiaries.get(i % 35));
                }
                Api.Response post = require(w.api.post("/api/v1/wishes", staff, body), 201);
                if (i < 35) {
                    beneficiaries.add(post.text("beneficiaryId"));
                } else {
                    assertThat(post.text("beneficiaryId")).isEqualTo(beneficiaries.get(i % 35));
                }
                String id = post.id();
                require(w.api.post("/api/v1/wishes/" + id + "/publish", staff, Map.of("version", 1)), 200);
                w.clock.set(claimed);
                require(w.api.post("/api/v1/wishes/" + id + "/claim", w.member(member), null), 201);
                require(w.api.post("/api/v1/wishes/" + id + "/contacted", w.member(member), null), 200);
                w.clock.set(fulfilled);
                require(w.api.post("/api/v1/wishes/" + id + "/fulfilment", w.member(member),
                        Map.of("note", "已送达")), 200);
                require(w.api.post("/api/v1/wishes/" + id + "/confirm", staff, Map.of("version", 5)), 200);
            }
            assertThat(beneficiaries).doesNotHaveDuplicates().hasSize(35);
            // One more wish of a known person, posted and claimed in 2016: it belongs to the 2016 report only.
            w.clock.set(Instant.parse("2016-01-10T02:00:00Z"));
            Map<String, Object> body = wishBody(chengxi);
            body.remove("beneficiary");
            body.put("beneficiaryId", beneficiaries.get(0));
            String late = require(w.api.post("/api/v1/wishes", staff, body), 201).id();
            require(w.api.post("/api/v1/wishes/" + late + "/publish", staff, Map.of("version", 1)), 200);
            require(w.api.post("/api/v1/wishes/" + late + "/claim", w.member(member), null), 201);
        } finally {
            w.clock.set(before);
        }

        Api.Response report = w.api.get("/api/v1/reports/wishes?organisationId=" + chengxi + "&year=2015", staff);
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body().path("posted").asLong()).isEqualTo(150);
        assertThat(report.body().path("published").asLong()).isEqualTo(150);
        assertThat(report.body().path("claimed").asLong()).isEqualTo(150);
        assertThat(report.body().path("fulfilled").asLong()).isEqualTo(150);
        assertThat(report.body().path("confirmed").asLong()).isEqualTo(150);
        assertThat(report.body().path("released").asLong()).isZero();
        assertThat(report.body().path("distinctBeneficiariesHelped").asLong()).isEqualTo(35);
        assertThat(report.body().path("medianDaysPostToClaim").asDouble()).isEqualTo(3.0);
        assertThat(report.body().path("medianDaysClaimToFulfil").asDouble()).isEqualTo(6.5);

        // The street and the district see the same year (nothing else happened in this tree).
        String streetStaff = TestTokens.token(Role.STREET_STAFF, RunningWishes.DISTRICT, street, null);
        Api.Response ofStreet = w.api.get("/api/v1/reports/wishes?organisationId=" + street + "&year=2015",
                streetStaff);
        assertThat(ofStreet.body().path("claimed").asLong()).isEqualTo(150);
        assertThat(ofStreet.body().path("distinctBeneficiariesHelped").asLong()).isEqualTo(35);
        Api.Response ofDistrict = w.api.get("/api/v1/reports/wishes?organisationId=" + feed.root() + "&year=2015",
                w.admin());
        assertThat(ofDistrict.body().path("confirmed").asLong()).isEqualTo(150);

        // 2016: the one late wish, nobody helped yet, no fulfilment to take a median of.
        Api.Response y2016 = w.api.get("/api/v1/reports/wishes?organisationId=" + chengxi + "&year=2016", staff);
        assertThat(y2016.body().path("posted").asLong()).isEqualTo(1);
        assertThat(y2016.body().path("claimed").asLong()).isEqualTo(1);
        assertThat(y2016.body().path("confirmed").asLong()).isZero();
        assertThat(y2016.body().path("distinctBeneficiariesHelped").asLong()).isZero();
        assertThat(y2016.body().path("medianDaysClaimToFulfil").isNull()).isTrue();
        // The neighbouring community had nothing.
        Api.Response empty = w.api.get("/api/v1/reports/wishes?organisationId=" + neighbour + "&year=2015",
                streetStaff);
        assertThat(empty.body().path("claimed").asLong()).isZero();

        // Scope: other community's staff, a member, the community's staff on the street: refused. Unknown: 404.
        assertThat(w.api.get("/api/v1/reports/wishes?organisationId=" + chengxi + "&year=2015", w.staff(neighbour))
                .status()).isEqualTo(403);
        assertThat(w.api.get("/api/v1/reports/wishes?organisationId=" + street + "&year=2015", staff).status())
                .isEqualTo(403);
        assertThat(w.api.get("/api/v1/reports/wishes?organisationId=" + chengxi + "&year=2015", w.member(member))
                .status()).isEqualTo(403);
        assertThat(w.api.get("/api/v1/reports/wishes?organisationId=" + UUID.randomUUID() + "&year=2015", w.admin())
                .status()).isEqualTo(404);
        assertThat(w.api.get("/api/v1/reports/wishes?organisationId=" + chengxi + "&year=1999", staff).status())
                .isEqualTo(400);
    }

    @Test
    void aWishGivenUpAndClaimedAgainCountsOnceAsClaimedAndOnceAsReleased() {
        // A tree of its own, so the district report of the 城西 test counts only 城西's 150.
        MembershipFeed own = new MembershipFeed(w);
        UUID community = own.community();
        UUID quitter = own.residentMember(community);
        UUID helper = own.residentMember(community);
        String staff = w.staff(community);
        Instant posted = Instant.parse("2015-06-01T02:00:00Z");
        Instant before = w.clock.instant();
        String id;
        try {
            w.clock.set(posted);
            id = require(w.api.post("/api/v1/wishes", staff, wishBody(community)), 201).id();
            require(w.api.post("/api/v1/wishes/" + id + "/publish", staff, Map.of("version", 1)), 200);
            w.clock.set(posted.plus(Duration.ofDays(2)));
            require(w.api.post("/api/v1/wishes/" + id + "/claim", w.member(quitter), null), 201);
            w.clock.set(posted.plus(Duration.ofDays(3)));
            require(w.api.post("/api/v1/wishes/" + id + "/claim/withdraw", w.member(quitter), null), 200);
            w.clock.set(posted.plus(Duration.ofDays(4)));
            require(w.api.post("/api/v1/wishes/" + id + "/claim", w.member(helper), null), 201);
            require(w.api.post("/api/v1/wishes/" + id + "/contacted", w.member(helper), null), 200);
            w.clock.set(posted.plus(Duration.ofDays(7)));
            require(w.api.post("/api/v1/wishes/" + id + "/fulfilment", w.member(helper),
                    Map.of("note", "已送达")), 200);
            require(w.api.post("/api/v1/wishes/" + id + "/confirm", staff, Map.of("version", 7)), 200);
        } finally {
            w.clock.set(before);
        }
        Api.Response report = w.api.get("/api/v1/reports/wishes?organisationId=" + community + "&year=2015", staff);
        assertThat(report.body().path("claimed").asLong()).isEqualTo(1);
        assertThat(report.body().path("released").asLong()).isEqualTo(1);
        assertThat(report.body().path("confirmed").asLong()).isEqualTo(1);
        assertThat(report.body().path("distinctBeneficiariesHelped").asLong()).isEqualTo(1);
        // Posting to the first claim; the fulfilled claim's own claim-to-fulfilment time.
        assertThat(report.body().path("medianDaysPostToClaim").asDouble()).isEqualTo(2.0);
        assertThat(report.body().path("medianDaysClaimToFulfil").asDouble()).isEqualTo(3.0);
    }

    @Test
    void aBeneficiaryOfAnotherCommunityCannotBeReused() {
        UUID here = feed.community();
        UUID there = feed.community();
        Api.Response first = require(w.api.post("/api/v1/wishes", w.staff(there), wishBody(there)),
                201);
        Map<String, Object> body = new HashMap<>(wishBody(here));
        body.remove("beneficiary");
        body.put("beneficiaryId", first.text("beneficiaryId"));
        Api.Response refused = w.api.post("/api/v1/wishes", w.staff(here), body);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.raw()).contains("beneficiaryId");
        // Neither or both: refused too.
        body.remove("beneficiaryId");
        assertThat(w.api.post("/api/v1/wishes", w.staff(here), body).status()).isEqualTo(422);
        Map<String, Object> both = new HashMap<>(wishBody(there));
        both.put("beneficiaryId", first.text("beneficiaryId"));
        assertThat(w.api.post("/api/v1/wishes", w.staff(there), both).status()).isEqualTo(422);
        assertThat(w.rows("wish where community_id = '" + here + "'")).isZero();
        assertThat(w.rows("wish where community_id = '" + there + "'")).isEqualTo(1);
    }
}
