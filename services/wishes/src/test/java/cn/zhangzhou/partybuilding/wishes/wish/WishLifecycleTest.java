package cn.zhangzhou.partybuilding.wishes.wish;

import static cn.zhangzhou.partybuilding.wishes.testing.RunningWishes.wishBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.wishes.WishesEvents;

import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventTap;
import cn.zhangzhou.partybuilding.wishes.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.wishes.testing.RunningWishes;

/** A wish from posting to confirmation over real HTTP, with its events on the real broker. */
class WishLifecycleTest {

    private static final RunningWishes w = RunningWishes.get();
    private static final MembershipFeed feed = w.feed;

    @Test
    void postPublishClaimRevealContactFulfilConfirm() {
        UUID community = feed.community();
        UUID member = feed.residentMember(community);
        String staff = w.staff(community);
        try (EventTap tap = EventTap.open(w.topic())) {
            Api.Response posted = w.posted(community);
            String id = posted.id();
            assertThat(posted.text("status")).isEqualTo("POSTED");
            assertThat(posted.text("beneficiary")).isEqualTo("王*");

            Api.Response published = w.api.post("/api/v1/wishes/" + id + "/publish", staff,
                    Map.of("version", posted.version()));
            assertThat(published.status()).isEqualTo(200);
            assertThat(published.text("status")).isEqualTo("PUBLISHED");

            Api.Response menu = w.api.get("/api/v1/wishes?communityId=" + community, w.member(member));
            assertThat(menu.status()).isEqualTo(200);
            assertThat(menu.body().path("items").get(0).path("id").asString()).isEqualTo(id);
            assertThat(menu.body().path("items").get(0).path("beneficiary").asString()).isEqualTo("王*");
            assertThat(menu.raw()).doesNotContain("13800001111").doesNotContain("南昌路");

            Api.Response claim = w.api.post("/api/v1/wishes/" + id + "/claim", w.member(member), null);
            assertThat(claim.status()).isEqualTo(201);
            assertThat(claim.text("claimerId")).isEqualTo(member.toString());

            Api.Response contact = w.api.get("/api/v1/wishes/" + id + "/contact", w.member(member));
            assertThat(contact.status()).isEqualTo(200);
            assertThat(contact.text("name")).isEqualTo("王秀英");
            assertThat(contact.text("phone")).isEqualTo("13800001111");
            assertThat(w.rows("contact_reveal where wish_id = '" + id + "'")).isEqualTo(1);

            assertThat(w.api.post("/api/v1/wishes/" + id + "/contacted", w.member(member), null).status())
                    .isEqualTo(200);
            Api.Response fulfilled = w.api.post("/api/v1/wishes/" + id + "/fulfilment", w.member(member),
                    Map.of("note", "送去了大米和油", "photoRef", "photos/abc.jpg"));
            assertThat(fulfilled.status()).isEqualTo(200);
            assertThat(fulfilled.text("status")).isEqualTo("FULFILLED");

            Api.Response current = w.wish(id, community);
            assertThat(current.text("status")).isEqualTo("FULFILLED");
            Api.Response confirmed = w.api.post("/api/v1/wishes/" + id + "/confirm", staff,
                    Map.of("version", current.version()));
            assertThat(confirmed.status()).isEqualTo(200);
            assertThat(confirmed.text("status")).isEqualTo("CONFIRMED");

            Api.Response history = w.api.get("/api/v1/wishes/" + id + "/history", staff);
            assertThat(history.body().findValuesAsString("to")).containsExactly("POSTED", "PUBLISHED", "CLAIMED",
                    "CONTACTED", "FULFILLED", "CONFIRMED");

            tap.awaitType(WishesEvents.WISH_CONFIRMED.ceType(), id);
            List<String> types = tap.seenFor(id).stream().map(EventTap::type).toList();
            assertThat(types).extracting(t -> t.replaceAll("^zz\\.wishes\\.(\\w+)\\.v1$", "$1")).containsExactly(
                    "WishPosted", "WishPublished", "WishClaimed", "WishContactRevealed", "WishContacted",
                    "WishFulfilled", "WishConfirmed");
            for (ConsumerRecord<String, byte[]> r : tap.seenFor(id)) {
                assertThat(EventTap.payload(r)).doesNotContain("王秀英").doesNotContain("13800001111")
                        .doesNotContain("南昌路");
            }
            assertThat(tap.seenFor(id)).extracting(r -> EventTap.header(r, "ce_source"))
                    .allSatisfy(s -> assertThat(s).contains("xiangcheng"));
        }
    }

    @Test
    void sendBackReviseAndRejectWithReasons() {
        UUID community = feed.community();
        String staff = w.staff(community);
        Api.Response posted = w.posted(community);
        String id = posted.id();
        Api.Response sentBack = w.api.post("/api/v1/wishes/" + id + "/send-back", staff,
                Map.of("version", posted.version(), "reason", "请写明需要的数量"));
        assertThat(sentBack.text("status")).isEqualTo("SENT_BACK");
        Api.Response revised = w.api.post("/api/v1/wishes/" + id + "/revise", staff, Map.of("version",
                sentBack.version(), "category", "DAILY_NECESSITIES", "description", "大米10斤, 油5升",
                "estimatedValueYuan", 150));
        assertThat(revised.status()).isEqualTo(200);
        assertThat(revised.text("status")).isEqualTo("POSTED");
        assertThat(revised.body().path("estimatedValueYuan").asInt()).isEqualTo(150);
        Api.Response rejected = w.api.post("/api/v1/wishes/" + id + "/reject", staff,
                Map.of("version", revised.version(), "reason", "不属于微心愿范围"));
        assertThat(rejected.text("status")).isEqualTo("REJECTED");
        Api.Response history = w.api.get("/api/v1/wishes/" + id + "/history", staff);
        assertThat(history.body().findValuesAsString("reason")).contains("请写明需要的数量", "不属于微心愿范围");
    }

    @Test
    void illegalTransitionsAre409NamingStateAndTransitionAndChangeNothing() {
        UUID community = feed.community();
        UUID member = feed.residentMember(community);
        String staff = w.staff(community);
        Api.Response posted = w.posted(community);
        String id = posted.id();
        // Claiming before publication, confirming before fulfilment, revising what was not sent back.
        Api.Response claim = w.api.post("/api/v1/wishes/" + id + "/claim", w.member(member), null);
        assertThat(claim.status()).isEqualTo(409);
        assertThat(claim.isProblem()).isTrue();
        assertThat(claim.raw()).contains("POSTED").contains("CLAIM");
        Api.Response confirm = w.api.post("/api/v1/wishes/" + id + "/confirm", staff,
                Map.of("version", posted.version()));
        assertThat(confirm.status()).isEqualTo(409);
        assertThat(confirm.raw()).contains("POSTED").contains("CONFIRM");
        Api.Response revise = w.api.post("/api/v1/wishes/" + id + "/revise", staff, Map.of("version",
                posted.version(), "category", "STUDY", "description", "书包", "estimatedValueYuan", 80));
        assertThat(revise.status()).isEqualTo(409);
        assertThat(revise.raw()).contains("REVISE");
        // Stale version.
        Api.Response stale = w.api.post("/api/v1/wishes/" + id + "/publish", staff, Map.of("version", 99));
        assertThat(stale.status()).isEqualTo(409);
        Api.Response after = w.wish(id, community);
        assertThat(after.text("status")).isEqualTo("POSTED");
        assertThat(after.version()).isEqualTo(posted.version());
        assertThat(w.rows("wish_transition where wish_id = '" + id + "'")).isEqualTo(1);
        assertThat(w.rows("claim where wish_id = '" + id + "'")).isZero();
    }

    @Test
    void badInputIs4xxProblemAndNothingIsStored() {
        UUID community = feed.community();
        String staff = w.staff(community);
        long before = w.rows("wish");
        Map<String, Object> tooDear = wishBody(community);
        tooDear.put("estimatedValueYuan", 501);
        Map<String, Object> zero = wishBody(community);
        zero.put("estimatedValueYuan", 0);
        Map<String, Object> longText = wishBody(community);
        longText.put("description", "米".repeat(501));
        Map<String, Object> noBeneficiary = wishBody(community);
        noBeneficiary.remove("beneficiary");
        Map<String, Object> unknownCommunity = wishBody(UUID.randomUUID());
        for (Map<String, Object> body : List.of(tooDear, zero, longText, noBeneficiary)) {
            Api.Response r = w.api.post("/api/v1/wishes", staff, body);
            assertThat(r.status()).as(r.toString()).isIn(400, 422);
            assertThat(r.isProblem()).isTrue();
        }
        Api.Response unknown = w.api.post("/api/v1/wishes", w.admin(), unknownCommunity);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.raw()).contains("communityId");
        Api.Response badCategory = w.api.sendRaw("POST", "/api/v1/wishes", staff,
                "{\"communityId\":\"" + community + "\",\"category\":\"CAR\",\"description\":\"x\","
                        + "\"estimatedValueYuan\":10,\"beneficiary\":{\"name\":\"李\",\"phone\":\"13800001111\","
                        + "\"address\":\"x\"}}");
        assertThat(badCategory.status()).isEqualTo(400);
        assertThat(badCategory.isProblem()).isTrue();
        assertThat(w.rows("wish")).isEqualTo(before);
    }

    @Test
    void staffOfAnotherCommunityAre403AndNothingChanges() {
        UUID community = feed.community();
        UUID other = feed.community();
        Api.Response posted = w.posted(community);
        String id = posted.id();
        String stranger = w.staff(other);
        assertThat(w.api.post("/api/v1/wishes/" + id + "/publish", stranger, Map.of("version", posted.version()))
                .status()).isEqualTo(403);
        assertThat(w.api.post("/api/v1/wishes/" + id + "/cancel", stranger,
                Map.of("version", posted.version(), "reason", "x")).status()).isEqualTo(403);
        assertThat(w.api.post("/api/v1/wishes", stranger, wishBody(community)).status()).isEqualTo(403);
        assertThat(w.api.get("/api/v1/wishes?communityId=" + community, stranger).status()).isEqualTo(403);
        Api.Response after = w.wish(id, community);
        assertThat(after.text("status")).isEqualTo("POSTED");
        assertThat(after.version()).isEqualTo(posted.version());
        assertThat(w.rows("wish where community_id = '" + community + "'")).isEqualTo(1);
    }

    @Test
    void withdrawAndCancelCloseTheWishAndEndAStandingClaim() {
        UUID community = feed.community();
        UUID member = feed.residentMember(community);
        String staff = w.staff(community);
        Api.Response posted = w.posted(community);
        Api.Response withdrawn = w.api.post("/api/v1/wishes/" + posted.id() + "/withdraw", staff,
                Map.of("version", posted.version(), "reason", "已由家属解决"));
        assertThat(withdrawn.text("status")).isEqualTo("WITHDRAWN");
        // Closed: nothing moves it any more.
        Api.Response publish = w.api.post("/api/v1/wishes/" + posted.id() + "/publish", staff,
                Map.of("version", withdrawn.version()));
        assertThat(publish.status()).isEqualTo(409);
        assertThat(publish.raw()).contains("WITHDRAWN").contains("PUBLISH");

        String claimed = w.published(community);
        assertThat(w.api.post("/api/v1/wishes/" + claimed + "/claim", w.member(member), null).status()).isEqualTo(201);
        // A claimed wish can no longer be withdrawn, only cancelled.
        Api.Response current = w.wish(claimed, community);
        assertThat(w.api.post("/api/v1/wishes/" + claimed + "/withdraw", staff,
                Map.of("version", current.version(), "reason", "x")).status()).isEqualTo(409);
        try (EventTap tap = EventTap.open(w.topic())) {
            Api.Response cancelled = w.api.post("/api/v1/wishes/" + claimed + "/cancel", staff,
                    Map.of("version", current.version(), "reason", "受助人已搬离"));
            assertThat(cancelled.status()).isEqualTo(200);
            assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
            assertThat(EventTap.payload(tap.awaitType(WishesEvents.WISH_CANCELLED.ceType(), claimed)))
                    .contains(current.body().path("claim").path("id").asString());
        }
        assertThat(w.rows("claim where wish_id = '" + claimed + "' and status = 'CANCELLED'")).isEqualTo(1);
        // The cancelled claim no longer counts, and no longer shows the contact data.
        assertThat(w.api.get("/api/v1/wishes/" + claimed + "/contact", w.member(member)).status()).isEqualTo(409);
    }

    @Test
    void membersSeePublishedWishesOnly() {
        UUID community = feed.community();
        UUID member = feed.residentMember(community);
        Api.Response posted = w.posted(community);
        String published = w.published(community);
        assertThat(w.api.get("/api/v1/wishes/" + posted.id(), w.member(member)).status()).isEqualTo(404);
        Api.Response visible = w.api.get("/api/v1/wishes/" + published, w.member(member));
        assertThat(visible.status()).isEqualTo(200);
        assertThat(visible.text("beneficiary")).isEqualTo("王*");
        assertThat(visible.raw()).doesNotContain("13800001111");
        assertThat(w.api.get("/api/v1/wishes?communityId=" + community + "&status=POSTED", w.member(member))
                .status()).isEqualTo(403);
        Api.Response menu = w.api.get("/api/v1/wishes?communityId=" + community, w.member(member));
        assertThat(menu.body().path("totalItems").asLong()).isEqualTo(1);
        Api.Response staffMenu = w.api.get("/api/v1/wishes?communityId=" + community + "&status=POSTED&category="
                + "DAILY_NECESSITIES", w.staff(community));
        assertThat(staffMenu.body().path("totalItems").asLong()).isEqualTo(1);
        assertThat(staffMenu.body().path("items").get(0).path("id").asString()).isEqualTo(posted.id());
        assertThat(w.api.get("/api/v1/wishes?communityId=" + community + "&size=0", w.staff(community)).status())
                .isEqualTo(400);
    }
}
