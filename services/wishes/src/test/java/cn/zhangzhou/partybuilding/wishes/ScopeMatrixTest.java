package cn.zhangzhou.partybuilding.wishes;

import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.FORBIDDEN;
import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.HIDDEN;
import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.NOT_FOUND;
import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.UNPROCESSABLE;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.DISTRICT_STAFF;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.DISTRICT_WIDE;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.MEMBERS;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.NEIGHBOUR;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.OTHER_COMMUNITY_STAFF;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.OTHER_DISTRICT_MEMBER;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.OTHER_STREET_STAFF;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.OWNER;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.STAFF_IN_SCOPE;
import static cn.zhangzhou.partybuilding.wishes.testing.RunningWishes.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.matrix.Call;
import cn.zhangzhou.partybuilding.testing.matrix.DatabaseFingerprint;
import cn.zhangzhou.partybuilding.testing.matrix.DeadLetterRules;
import cn.zhangzhou.partybuilding.testing.matrix.Scene;
import cn.zhangzhou.partybuilding.testing.matrix.ScopeMatrix;
import cn.zhangzhou.partybuilding.testing.matrix.Who;
import cn.zhangzhou.partybuilding.wishes.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.wishes.testing.RunningWishes;

/**
 * Every operation of wishes × every caller × a wish (claim, help group) of the caller's scope and one of another
 * district (docs/reliability.md, "Scope matrix"). An id this district does not hold is 404 in the path and 422 in a
 * body; an object outside the caller's scope is 403 — except what a caller may not even know exists, which is 404:
 * a wish that is not on the menu and not theirs, a help group they are not in. Members read the menu of any
 * community (published wishes only) and claim where they live or reported to.
 */
class ScopeMatrixTest {

    private static final RunningWishes w = RunningWishes.get();
    private static final MembershipFeed feed = w.feed;
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String PHONE = "13800001111";

    private final UUID street = feed.organisation(OrganisationType.STREET_COMMITTEE, feed.root());
    private final UUID community = feed.organisation(OrganisationType.COMMUNITY, street);
    private final UUID otherCommunity = feed.organisation(OrganisationType.COMMUNITY, street);
    private final UUID otherStreet = feed.organisation(OrganisationType.STREET_COMMITTEE, feed.root());
    private final UUID owner = feed.residentMember(community);
    private final UUID neighbour = feed.residentMember(community);
    /** A Longwen member living in the other community: known here, under Longwen. */
    private final UUID otherDistrictMember = feed.foreignResident("longwen", otherCommunity);

    @Test
    void everyOperationEveryCallerEveryScope() {
        Scene scene = new Scene(RunningWishes.DISTRICT, "longwen", street, otherStreet, community, otherCommunity,
                owner, neighbour, otherDistrictMember);
        try (DatabaseFingerprint database = new DatabaseFingerprint(w.jdbcUrl, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword())) {
            ScopeMatrix matrix = new ScopeMatrix("wishes", w.api,
                    ScopeMatrix.signedWith("support-test-keys/jwt-private.pem"), scene, database);
            communitySide(matrix);
            claimerSide(matrix);
            helpGroups(matrix);
            matrix.rule("GET /api/v1/reports/wishes")
                    .on(() -> Call.get("/api/v1/reports/wishes?year=2026&organisationId=" + community))
                    .allow(STAFF_IN_SCOPE)
                    .elsewhere(() -> Call.get("/api/v1/reports/wishes?year=2026&organisationId=" + UUID.randomUUID()),
                            FORBIDDEN)
                    .elsewhereAs(NOT_FOUND, DISTRICT_STAFF);
            matrix.rule("GET /api/v1/me").on(() -> Call.get("/api/v1/me")).allow(Who.AUTHENTICATED);
            DeadLetterRules.addTo(matrix, w.api, w.admin());
            assertThat(matrix.run().calls()).isGreaterThan(800);
        }
    }

    private void communitySide(ScopeMatrix matrix) {
        matrix.rule("POST /api/v1/wishes").on(() -> Call.post("/api/v1/wishes", RunningWishes.wishBody(community)))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/wishes", RunningWishes.wishBody(UUID.randomUUID())), UNPROCESSABLE);
        // Staff in scope see every status; members the published wishes only, of any community.
        matrix.rule("GET /api/v1/wishes")
                .on(() -> Call.get("/api/v1/wishes?size=200&status=POSTED&communityId=" + community)
                        .showing(w.posted(community).id()))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.get("/api/v1/wishes?communityId=" + UUID.randomUUID()), FORBIDDEN)
                .elsewhereAs(HIDDEN, DISTRICT_WIDE).elsewhereAs(HIDDEN, MEMBERS);
        // A wish not on the menu does not exist for anyone outside the community's staff.
        matrix.rule("GET /api/v1/wishes/{id}").on(() -> {
                    Api.Response posted = w.posted(community);
                    return Call.get("/api/v1/wishes/" + posted.id()).showing(posted.text("beneficiaryId"));
                })
                .allow(STAFF_IN_SCOPE).otherwise(NOT_FOUND)
                .elsewhere(() -> Call.get("/api/v1/wishes/" + UUID.randomUUID()), NOT_FOUND);
        matrix.rule("GET /api/v1/wishes/{id}/history")
                .on(() -> Call.get("/api/v1/wishes/" + w.posted(community).id() + "/history"))
                .allow(STAFF_IN_SCOPE).otherwise(NOT_FOUND)
                .elsewhere(() -> Call.get("/api/v1/wishes/" + UUID.randomUUID() + "/history"), NOT_FOUND);
        screening(matrix, "publish", () -> w.posted(community).id(), version(1));
        screening(matrix, "send-back", () -> w.posted(community).id(), reason(1));
        screening(matrix, "reject", () -> w.posted(community).id(), reason(1));
        screening(matrix, "withdraw", () -> w.posted(community).id(), reason(1));
        screening(matrix, "cancel", () -> w.published(community), reason(2));
        screening(matrix, "revise", this::sentBack, () -> {
            Map<String, Object> body = version(2).get();
            body.putAll(Map.of("category", "DAILY_NECESSITIES", "description", "两袋大米", "estimatedValueYuan", 150));
            return body;
        });
        matrix.rule("POST /api/v1/wishes/{id}/confirm").on(() -> {
                    String id = w.fulfilled(community, feed.residentMember(community));
                    return Call.post("/api/v1/wishes/" + id + "/confirm", version(w.wish(id, community).version()).get());
                })
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/wishes/" + UUID.randomUUID() + "/confirm", version(1).get()),
                        NOT_FOUND);
        matrix.rule("GET /api/v1/wishes/{id}/confirmation-code")
                .on(() -> Call.get("/api/v1/wishes/" + w.posted(community).id() + "/confirmation-code"))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.get("/api/v1/wishes/" + UUID.randomUUID() + "/confirmation-code"), NOT_FOUND);
    }

    /** A move of the community's staff on a wish of the community, with the wish's version. */
    private static void screening(ScopeMatrix matrix, String move, Supplier<String> wish,
                                  Supplier<Map<String, Object>> body) {
        matrix.rule("POST /api/v1/wishes/{id}/" + move)
                .on(() -> Call.post("/api/v1/wishes/" + wish.get() + "/" + move, body.get()))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/wishes/" + UUID.randomUUID() + "/" + move, body.get()), NOT_FOUND);
    }

    private void claimerSide(ScopeMatrix matrix) {
        // Both members live in the community: both may claim; a member living elsewhere and staff may not.
        matrix.rule("POST /api/v1/wishes/{id}/claim")
                .on(() -> Call.post("/api/v1/wishes/" + w.published(community) + "/claim", null))
                .allow(OWNER, NEIGHBOUR)
                .elsewhere(() -> Call.post("/api/v1/wishes/" + UUID.randomUUID() + "/claim", null), NOT_FOUND);
        // The beneficiary's phone shows to the claimer only.
        matrix.rule("GET /api/v1/wishes/{id}/contact").on(() -> claimed("contact", null, false).showing(PHONE))
                .allow(OWNER)
                .elsewhere(() -> Call.get("/api/v1/wishes/" + UUID.randomUUID() + "/contact"), NOT_FOUND);
        matrix.rule("POST /api/v1/wishes/{id}/contacted").on(() -> claimed("contacted", null, false))
                .allow(OWNER)
                .elsewhere(() -> Call.post("/api/v1/wishes/" + UUID.randomUUID() + "/contacted", null), NOT_FOUND);
        matrix.rule("POST /api/v1/wishes/{id}/claim/withdraw").on(() -> claimed("claim/withdraw", null, false))
                .allow(OWNER)
                .elsewhere(() -> Call.post("/api/v1/wishes/" + UUID.randomUUID() + "/claim/withdraw", null), NOT_FOUND);
        matrix.rule("POST /api/v1/wishes/{id}/fulfilment")
                .on(() -> claimed("fulfilment", new HashMap<>(Map.of("note", "送到了")), true))
                .allow(OWNER)
                .elsewhere(() -> Call.post("/api/v1/wishes/" + UUID.randomUUID() + "/fulfilment",
                        Map.of("note", "送到了")), NOT_FOUND);
        matrix.rule("GET /api/v1/claims/mine").on(() -> {
                    Call claim = claimed("contact", null, false);
                    return Call.get("/api/v1/claims/mine?size=200").ownedBy(claim.owner()).showing(wishOf(claim));
                })
                .allow(OWNER).as(HIDDEN, NEIGHBOUR, OTHER_DISTRICT_MEMBER);
        matrix.rule("GET /api/v1/claims").on(() -> {
                    Call claim = claimed("contact", null, false);
                    return Call.get("/api/v1/claims?size=200&memberId=" + claim.owner()).showing(wishOf(claim));
                })
                .allow(STAFF_IN_SCOPE).as(HIDDEN, OTHER_STREET_STAFF, OTHER_COMMUNITY_STAFF)
                .elsewhere(() -> Call.get("/api/v1/claims?memberId=" + UUID.randomUUID()), FORBIDDEN)
                .elsewhereAs(HIDDEN, DISTRICT_STAFF);
    }

    private void helpGroups(ScopeMatrix matrix) {
        matrix.rule("POST /api/v1/help-groups").on(() -> {
                    UUID lead = feed.residentMember(community);
                    return Call.post("/api/v1/help-groups", new HashMap<>(Map.of("communityId", community,
                            "name", "帮帮团" + SEQ.incrementAndGet(), "leadMemberId", lead))).ownedBy(lead);
                })
                .allow(STAFF_IN_SCOPE).allow(OWNER)
                .elsewhere(() -> Call.post("/api/v1/help-groups", Map.of("communityId", UUID.randomUUID(),
                        "name", "帮帮团", "leadMemberId", owner)), UNPROCESSABLE);
        // Staff in scope list the community's groups; a member the groups they are in.
        matrix.rule("GET /api/v1/help-groups").on(() -> {
                    Call group = group("", null);
                    return Call.get("/api/v1/help-groups?size=200&communityId=" + community).ownedBy(group.owner())
                            .showing(group.path().split("/")[4]);
                })
                .allow(STAFF_IN_SCOPE).allow(OWNER).as(HIDDEN, NEIGHBOUR, OTHER_DISTRICT_MEMBER)
                .elsewhere(() -> Call.get("/api/v1/help-groups?communityId=" + UUID.randomUUID()), FORBIDDEN)
                .elsewhereAs(HIDDEN, DISTRICT_WIDE).elsewhereAs(HIDDEN, MEMBERS);
        matrix.rule("GET /api/v1/help-groups/{id}").on(() -> group("", null))
                .allow(STAFF_IN_SCOPE).allow(OWNER).otherwise(NOT_FOUND)
                .elsewhere(() -> Call.get("/api/v1/help-groups/" + UUID.randomUUID()), NOT_FOUND);
        matrix.rule("POST /api/v1/help-groups/{id}/members")
                .on(() -> group("/members", new HashMap<>(Map.of("memberId", neighbour))))
                .allow(STAFF_IN_SCOPE).allow(OWNER).otherwise(NOT_FOUND)
                .elsewhere(() -> Call.post("/api/v1/help-groups/" + UUID.randomUUID() + "/members",
                        Map.of("memberId", neighbour)), NOT_FOUND);
        // The lead and staff remove a member; the member may leave.
        EnumSet<Who> mayRemove = EnumSet.copyOf(STAFF_IN_SCOPE);
        mayRemove.addAll(EnumSet.of(OWNER, NEIGHBOUR));
        matrix.rule("DELETE /api/v1/help-groups/{id}/members/{memberId}")
                .on(() -> {
                    Call group = group("", null);
                    require(w.api.post(group.path() + "/members", w.admin(), Map.of("memberId", neighbour)), 200);
                    return Call.delete(group.path() + "/members/" + neighbour).ownedBy(group.owner());
                })
                .allow(mayRemove).otherwise(NOT_FOUND)
                .elsewhere(() -> Call.delete("/api/v1/help-groups/" + UUID.randomUUID() + "/members/" + neighbour),
                        NOT_FOUND);
    }

    // ---- objects of the scene, one per call ----

    private String sentBack() {
        String id = w.posted(community).id();
        require(w.api.post("/api/v1/wishes/" + id + "/send-back", w.staff(community),
                Map.of("version", 1, "reason", "写清楚些")), 200);
        return id;
    }

    /** A wish claimed by a new member of the community (contacted too, if asked), and the claimer's call on it. */
    private Call claimed(String action, Map<String, Object> body, boolean contacted) {
        UUID claimer = feed.residentMember(community);
        String id = w.published(community);
        require(w.api.post("/api/v1/wishes/" + id + "/claim", w.member(claimer), null), 201);
        if (contacted) {
            require(w.api.post("/api/v1/wishes/" + id + "/contacted", w.member(claimer), null), 200);
        }
        String path = "/api/v1/wishes/" + id + "/" + action;
        return (body == null && action.equals("contact") ? Call.get(path) : Call.post(path, body)).ownedBy(claimer);
    }

    private static String wishOf(Call claim) {
        return claim.path().split("/")[4];
    }

    /** A help group of the community led by a new member of it (its owner), and a call on it. */
    private Call group(String subPath, Map<String, Object> body) {
        UUID lead = feed.residentMember(community);
        String id = require(w.api.post("/api/v1/help-groups", w.admin(), Map.of("communityId", community,
                "name", "帮帮团" + SEQ.incrementAndGet(), "leadMemberId", lead)), 201).id();
        String path = "/api/v1/help-groups/" + id + subPath;
        return (body == null ? Call.get(path) : Call.post(path, body)).ownedBy(lead);
    }

    private static Supplier<Map<String, Object>> version(long version) {
        return () -> new HashMap<>(Map.of("version", version));
    }

    private static Supplier<Map<String, Object>> reason(long version) {
        return () -> new HashMap<>(Map.of("version", version, "reason", "情况有变"));
    }
}
