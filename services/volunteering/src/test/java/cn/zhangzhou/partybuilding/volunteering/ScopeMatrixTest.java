package cn.zhangzhou.partybuilding.volunteering;

import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.CONFLICT;
import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.FORBIDDEN;
import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.HIDDEN;
import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.NOT_FOUND;
import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.UNPROCESSABLE;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.DISTRICT_WIDE;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.MEMBERS;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.NEIGHBOUR;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.OTHER_DISTRICT_MEMBER;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.OWNER;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.STAFF_IN_SCOPE;
import static cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.testing.matrix.Call;
import cn.zhangzhou.partybuilding.testing.matrix.DatabaseFingerprint;
import cn.zhangzhou.partybuilding.testing.matrix.DeadLetterRules;
import cn.zhangzhou.partybuilding.testing.matrix.Scene;
import cn.zhangzhou.partybuilding.testing.matrix.ScopeMatrix;
import cn.zhangzhou.partybuilding.testing.matrix.Who;
import cn.zhangzhou.partybuilding.volunteering.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering;

/**
 * Every operation of volunteering × every caller × an object of the caller's scope and one of another district
 * (docs/reliability.md, "Scope matrix"). What is published (posts, activities, teams, campaigns, brand projects) is
 * read by staff in scope and by members who belong here; a volunteer's own records (their record, claims, sign-ups,
 * hours, report) by the volunteer and staff in scope, and are 404 to anyone else; staff lists and reports by staff in
 * scope. An id this district does not hold is 404 in the path and 422 in a body.
 */
class ScopeMatrixTest {

    private static final RunningVolunteering v = RunningVolunteering.get();
    private static final MembershipFeed feed = v.feed;
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final UUID street = feed.street();
    private final UUID community = feed.community(street);
    private final UUID otherCommunity = feed.community(street);
    private final UUID otherStreet = feed.street();
    private final UUID owner = v.volunteer(community);
    private final UUID neighbour = v.volunteer(community);
    /** A Longwen member living in the other community, a volunteer there: known here, under Longwen. */
    private final UUID otherDistrictMember = feed.member("longwen", otherCommunity);

    /** Staff in scope and every member who belongs here (the Longwen member lives in the other community). */
    private static final Set<Who> READERS = union(STAFF_IN_SCOPE, MEMBERS);
    private static final Set<Who> SELF_OR_STAFF = union(STAFF_IN_SCOPE, Set.of(OWNER));

    @Test
    void everyOperationEveryCallerEveryScope() {
        require(v.api.post("/api/v1/volunteers", v.member("longwen", otherDistrictMember),
                Map.of("communityId", otherCommunity)), 201);
        Scene scene = new Scene(RunningVolunteering.DISTRICT, "longwen", street, otherStreet, community,
                otherCommunity, owner, neighbour, otherDistrictMember);
        try (DatabaseFingerprint database = new DatabaseFingerprint(v.jdbcUrl, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword())) {
            ScopeMatrix matrix = new ScopeMatrix("volunteering", v.api,
                    ScopeMatrix.signedWith("support-test-keys/jwt-private.pem"), scene, database);
            volunteers(matrix);
            posts(matrix);
            activities(matrix);
            teams(matrix);
            brandProjectsAndCampaigns(matrix);
            hours(matrix);
            reports(matrix);
            matrix.rule("GET /api/v1/me").on(() -> Call.get("/api/v1/me")).allow(Who.AUTHENTICATED);
            DeadLetterRules.addTo(matrix, v.api, v.admin());
            assertThat(matrix.run().calls()).isGreaterThan(1500);
        }
    }

    private void volunteers(ScopeMatrix matrix) {
        matrix.rule("GET /api/v1/specialties").on(() -> Call.get("/api/v1/specialties")).allow(Who.AUTHENTICATED);
        // A member registers themselves (the body names them); staff in scope register a member living there.
        matrix.rule("POST /api/v1/volunteers").on(() -> {
                    UUID member = feed.member(community);
                    return Call.post("/api/v1/volunteers", body("communityId", community, "memberId", member))
                            .ownedBy(member);
                })
                .allow(SELF_OR_STAFF)
                .elsewhere(() -> Call.post("/api/v1/volunteers", body("communityId", UUID.randomUUID())), UNPROCESSABLE);
        matrix.rule("GET /api/v1/volunteers/{id}").on(() -> volunteerCall(""))
                .allow(SELF_OR_STAFF).otherwise(NOT_FOUND)
                .elsewhere(() -> Call.get("/api/v1/volunteers/" + UUID.randomUUID()), NOT_FOUND);
        matrix.rule("GET /api/v1/volunteers").on(() -> Call.get("/api/v1/volunteers?size=200&organisationId="
                        + community).showing(v.volunteer(community)))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.get("/api/v1/volunteers?organisationId=" + UUID.randomUUID()), FORBIDDEN)
                .elsewhereAs(HIDDEN, DISTRICT_WIDE);
        matrix.rule("PUT /api/v1/volunteers/{id}/specialties").on(() -> {
                    UUID volunteer = v.volunteer(community);
                    return Call.put("/api/v1/volunteers/" + volunteer + "/specialties", body("version", 1,
                            "specialties", List.of(Map.of("specialty", "LEGAL")))).ownedBy(volunteer);
                })
                .allow(SELF_OR_STAFF)
                .elsewhere(() -> Call.put("/api/v1/volunteers/" + UUID.randomUUID() + "/specialties", body("version", 1,
                        "specialties", List.of(Map.of("specialty", "LEGAL")))), NOT_FOUND);
        matrix.rule("POST /api/v1/volunteers/{id}/specialties/{specialty}/verification").on(() -> {
                    UUID volunteer = v.volunteer(community);
                    require(v.api.put("/api/v1/volunteers/" + volunteer + "/specialties", v.member(volunteer),
                            Map.of("version", 1, "specialties", List.of(Map.of("specialty", "LEGAL",
                                    "qualification", "律师执业证")))), 200);
                    return Call.post("/api/v1/volunteers/" + volunteer + "/specialties/LEGAL/verification",
                            body("version", 2)).ownedBy(volunteer);
                })
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/volunteers/" + UUID.randomUUID()
                        + "/specialties/LEGAL/verification", body("version", 2)), NOT_FOUND);
    }

    private void posts(ScopeMatrix matrix) {
        matrix.rule("POST /api/v1/posts").on(() -> Call.post("/api/v1/posts", postBody(community)))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/posts", postBody(UUID.randomUUID())), UNPROCESSABLE);
        readable(matrix, "posts", this::post);
        matrix.rule("POST /api/v1/posts/{id}/close")
                .on(() -> Call.post("/api/v1/posts/" + post() + "/close", body("version", 1, "reason", "人已够")))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/posts/" + UUID.randomUUID() + "/close",
                        body("version", 1, "reason", "人已够")), NOT_FOUND);
        // Members who live in the community claim; the Longwen member lives in the other one.
        matrix.rule("POST /api/v1/posts/{id}/claims")
                .on(() -> Call.post("/api/v1/posts/" + post() + "/claims", null))
                .allow(OWNER, NEIGHBOUR)
                .elsewhere(() -> Call.post("/api/v1/posts/" + UUID.randomUUID() + "/claims", null), NOT_FOUND);
        matrix.rule("GET /api/v1/posts/{id}/claims").on(() -> {
                    Claimed c = claimedPost(Duration.ofDays(next()));
                    return Call.get("/api/v1/posts/" + c.shift() + "/claims").showing(c.claimer());
                })
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.get("/api/v1/posts/" + UUID.randomUUID() + "/claims"), NOT_FOUND);
        matrix.rule("POST /api/v1/posts/{id}/claims/{claimId}/withdraw").on(() -> {
                    Claimed c = claimedPost(Duration.ofDays(next()));
                    return Call.post("/api/v1/posts/" + c.shift() + "/claims/" + c.id() + "/withdraw", null)
                            .ownedBy(c.claimer());
                })
                .allow(SELF_OR_STAFF)
                .elsewhere(() -> Call.post("/api/v1/posts/" + UUID.randomUUID() + "/claims/" + UUID.randomUUID()
                        + "/withdraw", null), NOT_FOUND);
        matrix.rule("GET /api/v1/volunteers/{id}/post-claims").on(() -> {
                    Claimed c = claimedPost(Duration.ofDays(next()));
                    return Call.get("/api/v1/volunteers/" + c.claimer() + "/post-claims").ownedBy(c.claimer())
                            .showing(c.shift());
                })
                .allow(SELF_OR_STAFF).otherwise(NOT_FOUND)
                .elsewhere(() -> Call.get("/api/v1/volunteers/" + UUID.randomUUID() + "/post-claims"), NOT_FOUND);
    }

    private void activities(ScopeMatrix matrix) {
        matrix.rule("POST /api/v1/activities").on(() -> Call.post("/api/v1/activities", activityBody(community)))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/activities", activityBody(UUID.randomUUID())), UNPROCESSABLE);
        readable(matrix, "activities", this::activity);
        matrix.rule("POST /api/v1/activities/{id}/cancel").on(() -> Call.post("/api/v1/activities/" + activity()
                        + "/cancel", body("version", 1, "reason", "下雨")))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/activities/" + UUID.randomUUID() + "/cancel",
                        body("version", 1, "reason", "下雨")), NOT_FOUND);
        matrix.rule("POST /api/v1/activities/{id}/sign-ups")
                .on(() -> Call.post("/api/v1/activities/" + activity() + "/sign-ups", null))
                .allow(OWNER, NEIGHBOUR)
                .elsewhere(() -> Call.post("/api/v1/activities/" + UUID.randomUUID() + "/sign-ups", null), NOT_FOUND);
        matrix.rule("GET /api/v1/activities/{id}/sign-ups").on(() -> {
                    Claimed s = signedUp(Duration.ofDays(next()));
                    return Call.get("/api/v1/activities/" + s.shift() + "/sign-ups").showing(s.claimer());
                })
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.get("/api/v1/activities/" + UUID.randomUUID() + "/sign-ups"), NOT_FOUND);
        matrix.rule("POST /api/v1/activities/{id}/sign-ups/{signUpId}/cancel").on(() -> {
                    Claimed s = signedUp(Duration.ofDays(next()));
                    return Call.post("/api/v1/activities/" + s.shift() + "/sign-ups/" + s.id() + "/cancel", null)
                            .ownedBy(s.claimer());
                })
                .allow(SELF_OR_STAFF)
                .elsewhere(() -> Call.post("/api/v1/activities/" + UUID.randomUUID() + "/sign-ups/"
                        + UUID.randomUUID() + "/cancel", null), NOT_FOUND);
        matrix.rule("GET /api/v1/volunteers/{id}/sign-ups").on(() -> {
                    Claimed s = signedUp(Duration.ofDays(next()));
                    return Call.get("/api/v1/volunteers/" + s.claimer() + "/sign-ups").ownedBy(s.claimer())
                            .showing(s.shift());
                })
                .allow(SELF_OR_STAFF).otherwise(NOT_FOUND)
                .elsewhere(() -> Call.get("/api/v1/volunteers/" + UUID.randomUUID() + "/sign-ups"), NOT_FOUND);
    }

    private void teams(ScopeMatrix matrix) {
        // Staff in scope form a team naming its lead; a member forms one and leads it.
        matrix.rule("POST /api/v1/teams").on(() -> {
                    UUID lead = v.volunteer(community);
                    return Call.post("/api/v1/teams", teamBody(community, lead, "OPEN")).ownedBy(lead);
                })
                .allow(SELF_OR_STAFF)
                .elsewhere(() -> Call.post("/api/v1/teams", teamBody(UUID.randomUUID(), owner, "OPEN")),
                        UNPROCESSABLE);
        readable(matrix, "teams", () -> team("OPEN").id());
        matrix.rule("POST /api/v1/teams/{id}/join")
                .on(() -> Call.post("/api/v1/teams/" + team("OPEN").id() + "/join", null))
                .allow(OWNER, NEIGHBOUR)
                .elsewhere(() -> Call.post("/api/v1/teams/" + UUID.randomUUID() + "/join", null), NOT_FOUND);
        // The lead (the owner) or staff in scope act on the team's members.
        matrix.rule("POST /api/v1/teams/{id}/members").on(() -> {
                    Team t = team("OPEN");
                    return Call.post("/api/v1/teams/" + t.id() + "/members",
                            body("volunteerId", v.volunteer(community))).ownedBy(t.lead());
                })
                .allow(SELF_OR_STAFF)
                .elsewhere(() -> Call.post("/api/v1/teams/" + UUID.randomUUID() + "/members",
                        body("volunteerId", neighbour)), NOT_FOUND);
        for (String decision : List.of("approve", "decline")) {
            matrix.rule("POST /api/v1/teams/{id}/requests/{volunteerId}/" + decision).on(() -> {
                        Team t = team("APPROVAL");
                        UUID asking = v.volunteer(community);
                        require(v.api.post("/api/v1/teams/" + t.id() + "/join", v.member(asking), null), 200);
                        return Call.post("/api/v1/teams/" + t.id() + "/requests/" + asking + "/" + decision,
                                decision.equals("approve") ? null : body("reason", "人已满")).ownedBy(t.lead());
                    })
                    .allow(SELF_OR_STAFF)
                    .elsewhere(() -> Call.post("/api/v1/teams/" + UUID.randomUUID() + "/requests/" + neighbour + "/"
                            + decision, decision.equals("approve") ? null : body("reason", "人已满")), NOT_FOUND);
        }
        // The neighbour is a member of the team: they leave; the lead (the owner) or staff remove them.
        matrix.rule("DELETE /api/v1/teams/{id}/members/{volunteerId}").on(() -> {
                    Team t = team("OPEN");
                    require(v.api.post("/api/v1/teams/" + t.id() + "/join", v.member(neighbour), null), 200);
                    return Call.delete("/api/v1/teams/" + t.id() + "/members/" + neighbour).ownedBy(t.lead());
                })
                .allow(SELF_OR_STAFF).allow(NEIGHBOUR)
                .elsewhere(() -> Call.delete("/api/v1/teams/" + UUID.randomUUID() + "/members/" + neighbour),
                        NOT_FOUND);
    }

    private void brandProjectsAndCampaigns(ScopeMatrix matrix) {
        matrix.rule("GET /api/v1/outcome-types").on(() -> Call.get("/api/v1/outcome-types")).allow(Who.AUTHENTICATED);
        matrix.rule("POST /api/v1/brand-projects").on(() -> Call.post("/api/v1/brand-projects", projectBody(community)))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/brand-projects", projectBody(UUID.randomUUID())), UNPROCESSABLE);
        matrix.rule("GET /api/v1/brand-projects/{id}").on(() -> Call.get("/api/v1/brand-projects/" + project()))
                .allow(READERS)
                .elsewhere(() -> Call.get("/api/v1/brand-projects/" + UUID.randomUUID()), NOT_FOUND);
        matrix.rule("GET /api/v1/brand-projects").on(() -> Call.get("/api/v1/brand-projects?size=200&organisationId="
                        + community).showing(project()))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.get("/api/v1/brand-projects?organisationId=" + UUID.randomUUID()), FORBIDDEN)
                .elsewhereAs(HIDDEN, DISTRICT_WIDE);
        matrix.rule("POST /api/v1/brand-projects/{id}/records").on(() -> Call.post("/api/v1/brand-projects/"
                        + project() + "/records", recordBody()))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/brand-projects/" + UUID.randomUUID() + "/records", recordBody()),
                        NOT_FOUND);
        matrix.rule("GET /api/v1/brand-projects/{id}/records").on(() -> {
                    String project = project();
                    require(v.api.post("/api/v1/brand-projects/" + project + "/records", v.admin(), recordBody()), 201);
                    return Call.get("/api/v1/brand-projects/" + project + "/records");
                })
                .allow(READERS)
                .elsewhere(() -> Call.get("/api/v1/brand-projects/" + UUID.randomUUID() + "/records"), NOT_FOUND);
        matrix.rule("GET /api/v1/brand-projects/{id}/report").on(() -> Call.get("/api/v1/brand-projects/" + project()
                        + "/report?from=2026-01-01&to=2026-12-31"))
                .allow(READERS)
                .elsewhere(() -> Call.get("/api/v1/brand-projects/" + UUID.randomUUID()
                        + "/report?from=2026-01-01&to=2026-12-31"), NOT_FOUND);
        matrix.rule("POST /api/v1/campaigns").on(() -> Call.post("/api/v1/campaigns", campaignBody(community)))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/campaigns", campaignBody(UUID.randomUUID())), UNPROCESSABLE);
        matrix.rule("GET /api/v1/campaigns/{id}").on(() -> Call.get("/api/v1/campaigns/" + campaign()))
                .allow(READERS)
                .elsewhere(() -> Call.get("/api/v1/campaigns/" + UUID.randomUUID()), NOT_FOUND);
        matrix.rule("GET /api/v1/campaigns").on(() -> Call.get("/api/v1/campaigns?size=200&organisationId="
                        + community).showing(campaign()))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.get("/api/v1/campaigns?organisationId=" + UUID.randomUUID()), FORBIDDEN)
                .elsewhereAs(HIDDEN, DISTRICT_WIDE);
        matrix.rule("GET /api/v1/campaigns/{id}/report").on(() -> Call.get("/api/v1/campaigns/" + campaign()
                        + "/report"))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.get("/api/v1/campaigns/" + UUID.randomUUID() + "/report"), NOT_FOUND);
    }

    private void hours(ScopeMatrix matrix) {
        for (String code : List.of("check-in-code", "check-in-code.png")) {
            matrix.rule("GET /api/v1/{shifts}/{id}/" + code)
                    .on(() -> Call.get("/api/v1/posts/" + post() + "/" + code))
                    .allow(STAFF_IN_SCOPE)
                    .elsewhere(() -> Call.get("/api/v1/posts/" + UUID.randomUUID() + "/" + code), NOT_FOUND);
        }
        // The claimer checks in with the code shown at the door, and out with a later one; other members of the
        // district hold no claim (422) and are not checked in (409); only members check in (403 before 404).
        matrix.rule("POST /api/v1/{shifts}/{id}/check-in").on(() -> {
                    Claimed c = claimedPost(Duration.ofMinutes(20));
                    return Call.post("/api/v1/posts/" + c.shift() + "/check-in",
                            body("code", v.code("posts", c.shift(), community))).ownedBy(c.claimer());
                })
                .allow(OWNER).as(UNPROCESSABLE, NEIGHBOUR, OTHER_DISTRICT_MEMBER)
                .elsewhere(() -> Call.post("/api/v1/posts/" + UUID.randomUUID() + "/check-in", body("code", "123456")),
                        FORBIDDEN).elsewhereAs(NOT_FOUND, MEMBERS);
        matrix.rule("POST /api/v1/{shifts}/{id}/check-out").on(() -> {
                    Claimed c = claimedPost(Duration.ofMinutes(20));
                    require(v.check("in", "posts", c.shift(), community, v.member(c.claimer())), 201);
                    v.clock.advance(Duration.ofMinutes(50));
                    return Call.post("/api/v1/posts/" + c.shift() + "/check-out",
                            body("code", v.code("posts", c.shift(), community))).ownedBy(c.claimer());
                })
                .allow(OWNER).as(CONFLICT, NEIGHBOUR, OTHER_DISTRICT_MEMBER)
                .elsewhere(() -> Call.post("/api/v1/posts/" + UUID.randomUUID() + "/check-out",
                        body("code", "123456")), FORBIDDEN).elsewhereAs(NOT_FOUND, MEMBERS);
        // Hours of a shift the volunteer held without checking in: they claim them, or staff in scope for them.
        matrix.rule("POST /api/v1/hours").on(() -> {
                    Held held = pastSignUp();
                    return Call.post("/api/v1/hours", hoursBody(held)).ownedBy(held.volunteer());
                })
                .allow(SELF_OR_STAFF)
                .elsewhere(() -> Call.post("/api/v1/hours", hoursBody(new Held(UUID.randomUUID().toString(), owner,
                        LocalDate.now(CHINA)))), UNPROCESSABLE);
        matrix.rule("GET /api/v1/hours/{id}").on(() -> hoursCall(0, "", null))
                .allow(SELF_OR_STAFF).otherwise(NOT_FOUND)
                .elsewhere(() -> Call.get("/api/v1/hours/" + UUID.randomUUID()), NOT_FOUND);
        matrix.rule("GET /api/v1/hours").on(() -> {
                    Call hours = hoursCall(0, "", null);
                    return Call.get("/api/v1/hours?size=200&organisationId=" + community)
                            .showing(hours.path().substring("/api/v1/hours/".length()));
                })
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.get("/api/v1/hours?organisationId=" + UUID.randomUUID()), FORBIDDEN)
                .elsewhereAs(HIDDEN, DISTRICT_WIDE);
        matrix.rule("POST /api/v1/hours/{id}/approve").on(() -> hoursCall(0, "/approve", body("version", 1)))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/hours/" + UUID.randomUUID() + "/approve", body("version", 1)),
                        NOT_FOUND);
        matrix.rule("POST /api/v1/hours/{id}/decline")
                .on(() -> hoursCall(0, "/decline", body("version", 1, "reason", "签到表无此人")))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.post("/api/v1/hours/" + UUID.randomUUID() + "/decline",
                        body("version", 1, "reason", "签到表无此人")), NOT_FOUND);
        matrix.rule("POST /api/v1/hours/{id}/appeal")
                .on(() -> hoursCall(1, "/appeal", body("version", 2, "reason", "有照片为证")))
                .allow(SELF_OR_STAFF)
                .elsewhere(() -> Call.post("/api/v1/hours/" + UUID.randomUUID() + "/appeal",
                        body("version", 2, "reason", "有照片为证")), NOT_FOUND);
        matrix.rule("GET /api/v1/volunteers/{id}/hours").on(() -> volunteerCall("/hours"))
                .allow(SELF_OR_STAFF).otherwise(NOT_FOUND)
                .elsewhere(() -> Call.get("/api/v1/volunteers/" + UUID.randomUUID() + "/hours"), NOT_FOUND);
    }

    private void reports(ScopeMatrix matrix) {
        matrix.rule("GET /api/v1/volunteers/{id}/report").on(() -> volunteerCall("/report?year=2026"))
                .allow(SELF_OR_STAFF).otherwise(NOT_FOUND)
                .elsewhere(() -> Call.get("/api/v1/volunteers/" + UUID.randomUUID() + "/report?year=2026"), NOT_FOUND);
        matrix.rule("GET /api/v1/volunteers/{id}/service-record.csv").on(() -> volunteerCall("/service-record.csv"))
                .allow(SELF_OR_STAFF).otherwise(NOT_FOUND)
                .elsewhere(() -> Call.get("/api/v1/volunteers/" + UUID.randomUUID() + "/service-record.csv"),
                        NOT_FOUND);
        matrix.rule("GET /api/v1/reports/volunteering").on(() -> Call.get("/api/v1/reports/volunteering?organisationId="
                        + community + "&from=2026-01-01&to=2026-12-31"))
                .allow(STAFF_IN_SCOPE)
                .elsewhere(() -> Call.get("/api/v1/reports/volunteering?organisationId=" + UUID.randomUUID()
                        + "&from=2026-01-01&to=2026-12-31"), FORBIDDEN)
                .elsewhereAs(HIDDEN, DISTRICT_WIDE);
    }

    /**
     * GET one and the list of a published kind ({@code posts}, {@code activities}, {@code teams}) of the community:
     * staff in scope and members who belong here; a list of an organisation this district does not hold is empty for
     * whoever may read lists at all.
     */
    private void readable(ScopeMatrix matrix, String kind, Supplier<String> made) {
        matrix.rule("GET /api/v1/" + kind + "/{id}").on(() -> Call.get("/api/v1/" + kind + "/" + made.get()))
                .allow(READERS)
                .elsewhere(() -> Call.get("/api/v1/" + kind + "/" + UUID.randomUUID()), NOT_FOUND);
        matrix.rule("GET /api/v1/" + kind).on(() -> Call.get("/api/v1/" + kind + "?size=200&organisationId="
                        + community).showing(made.get()))
                .allow(READERS)
                .elsewhere(() -> Call.get("/api/v1/" + kind + "?organisationId=" + UUID.randomUUID()), FORBIDDEN)
                .elsewhereAs(HIDDEN, DISTRICT_WIDE).elsewhereAs(HIDDEN, MEMBERS);
    }

    // ---- objects of the scene, one per call ----

    private static int next() {
        return SEQ.incrementAndGet();
    }

    /** A post, activity or team, its claim or sign-up (or membership) id, and the member who made it. */
    private record Claimed(String id, String shift, UUID claimer) {
    }

    private record Team(String id, UUID lead) {
    }

    private Call volunteerCall(String subPath) {
        UUID volunteer = v.volunteer(community);
        return Call.get("/api/v1/volunteers/" + volunteer + subPath).ownedBy(volunteer);
    }

    /** A FIXED post of the community, each on a day of its own. */
    private String post() {
        return v.post(community, Duration.ofDays(next()), Map.of());
    }

    private Map<String, Object> postBody(UUID community) {
        return new HashMap<>(v.postBody(community, Duration.ofDays(next()), Map.of()));
    }

    /** A post starting in {@code startsIn}, claimed by a new member of the community. */
    private Claimed claimedPost(Duration startsIn) {
        String post = v.post(community, startsIn, Map.of());
        UUID claimer = feed.member(community);
        String claim = require(v.api.post("/api/v1/posts/" + post + "/claims", v.member(claimer), null), 201).id();
        return new Claimed(claim, post, claimer);
    }

    private String activity() {
        return v.activity(community, "SERVICE", 10, Duration.ofDays(next()));
    }

    private Map<String, Object> activityBody(UUID community) {
        return new HashMap<>(v.activityBody(community, "SERVICE", 10, Duration.ofDays(next())));
    }

    private Claimed signedUp(Duration startsIn) {
        String activity = v.activity(community, "SERVICE", 10, startsIn);
        UUID member = feed.member(community);
        String signUp = require(v.api.post("/api/v1/activities/" + activity + "/sign-ups", v.member(member), null),
                201).id();
        return new Claimed(signUp, activity, member);
    }

    /** An activity that took place on {@code day}, and the volunteer who held a place at it. */
    private record Held(String activity, UUID volunteer, LocalDate day) {
    }

    /** An activity that took place (the clock moves past it), a new member holding a place at it. */
    private Held pastSignUp() {
        LocalDate day = LocalDate.ofInstant(v.in(Duration.ofHours(2)), CHINA);
        Claimed s = signedUp(Duration.ofHours(2));
        v.clock.advance(Duration.ofHours(5));
        return new Held(s.shift(), s.claimer(), day);
    }

    private static Map<String, Object> hoursBody(Held held) {
        return body("volunteerId", held.volunteer(), "shiftKind", "ACTIVITY", "shiftId", held.activity(),
                "servedOn", held.day().toString(), "minutes", 60, "reason", "手机没电，未能扫码签到");
    }

    /**
     * Hours a new member claimed for an activity that took place (PENDING), declined by staff first if asked, and the
     * call on them owned by the member.
     */
    private Call hoursCall(int declined, String subPath, Map<String, Object> body) {
        Held held = pastSignUp();
        String id = require(v.api.post("/api/v1/hours", v.member(held.volunteer()), hoursBody(held)), 201).id();
        if (declined > 0) {
            require(v.api.post("/api/v1/hours/" + id + "/decline", v.staff(community),
                    Map.of("version", 1, "reason", "签到表无此人")), 200);
        }
        String path = "/api/v1/hours/" + id + subPath;
        return (body == null ? Call.get(path) : Call.post(path, body)).ownedBy(held.volunteer());
    }

    private Map<String, Object> teamBody(UUID organisation, UUID lead, String policy) {
        return body("name", "志愿服务队" + next(), "content", "助老服务", "base", "COMMUNITY",
                "organisationId", organisation, "leadVolunteerId", lead, "joinPolicy", policy);
    }

    /** A team of the community led by a new volunteer of it. */
    private Team team(String policy) {
        UUID lead = v.volunteer(community);
        return new Team(require(v.api.post("/api/v1/teams", v.admin(), teamBody(community, lead, policy)), 201).id(),
                lead);
    }

    private Map<String, Object> projectBody(UUID organisation) {
        return body("organisationId", organisation, "name", "品牌项目" + next(), "description", "诉前调解");
    }

    private String project() {
        return require(v.api.post("/api/v1/brand-projects", v.admin(), projectBody(community)), 201).id();
    }

    private Map<String, Object> recordBody() {
        return body("type", "MEDIATION", "quantity", 3, "occurredOn",
                LocalDate.ofInstant(v.clock.instant(), CHINA).toString());
    }

    private Map<String, Object> campaignBody(UUID organisation) {
        LocalDate today = LocalDate.ofInstant(v.clock.instant(), CHINA);
        return body("organisationId", organisation, "kind", "OTHER", "name", "党员微服务" + next(),
                "startsOn", today.toString(), "endsOn", today.plusDays(30).toString());
    }

    private String campaign() {
        return require(v.api.post("/api/v1/campaigns", v.admin(), campaignBody(community)), 201).id();
    }

    private static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    private static Set<Who> union(Set<Who> a, Set<Who> b) {
        EnumSet<Who> all = EnumSet.copyOf(a);
        all.addAll(b);
        return all;
    }
}
