package cn.zhangzhou.partybuilding.local;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import cn.zhangzhou.partybuilding.local.WishesLoader.Caller;
import cn.zhangzhou.partybuilding.local.demo.DemoDistrict;
import cn.zhangzhou.partybuilding.local.demo.DemoMember;
import cn.zhangzhou.partybuilding.local.demo.DemoVolunteering;
import cn.zhangzhou.partybuilding.local.demo.DemoVolunteering.BrandProject;
import cn.zhangzhou.partybuilding.platform.ServiceClient;
import cn.zhangzhou.partybuilding.platform.ServiceClient.Response;
import cn.zhangzhou.partybuilding.support.security.Role;
import tools.jackson.databind.JsonNode;

/**
 * Loads the article's brand projects ({@link DemoVolunteering}) into 芗城区's volunteering service through its REST
 * API as the district's system: each project, its service records of last year by outcome type, and 南坑街道's patrol
 * team (its members registered as volunteers, the team formed with its lead, the others added); then the patrol's
 * hours of this year, the one evaluated ({@link EvaluationLoader#year}): a FLEXIBLE service post (服务岗位, 治安巡逻岗)
 * for the year in each community the patrol's volunteers live in, claimed by them (认岗, with their own token), their
 * hours recorded for them by the district system and approved by the community's staff (never by who submitted
 * them), so that HoursApproved reaches evaluation for several communities. Every create carries an Idempotency-Key
 * and what is there already is looked up first, so an interrupted run can simply be repeated. The service knows
 * organisations and members only from the district's membership events: a create refused while it has not heard of
 * them is retried (bounded).
 */
public final class VolunteeringLoader {

    static final Duration KNOWLEDGE_WAIT = Duration.ofSeconds(120);
    static final String PATROL_TEAM = "南坑街道治安巡逻队";

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** The hours each claimer of a patrol post is asked for in the year (a FLEXIBLE post's budget). */
    static final int PATROL_POST_HOURS = 48;

    private final WishesLoader membership;
    private final ServiceClient volunteering;
    private final BiFunction<String, Caller, String> tokens;
    private final PrintStream out;
    private final Duration knowledgeWait;
    /** The year the brand projects' records fall in: the last whole one, so that none is in the future. */
    private final int year;
    /** The patrol's hours are served in this day's year (the one evaluated), never after it. */
    private final LocalDate today;

    /**
     * @param membership   reads organisations and members of 芗城区 back from its membership service
     * @param volunteering 芗城区's volunteering service, as its district system
     * @param tokens       a caller's token in a district (a member claiming a post, a community's staff approving)
     */
    public VolunteeringLoader(WishesLoader membership, ServiceClient volunteering,
                              BiFunction<String, Caller, String> tokens, PrintStream out) {
        this(membership, volunteering, tokens, out, KNOWLEDGE_WAIT, LocalDate.now(CHINA).getYear() - 1,
                LocalDate.now(CHINA));
    }

    VolunteeringLoader(WishesLoader membership, ServiceClient volunteering, BiFunction<String, Caller, String> tokens,
                       PrintStream out, Duration knowledgeWait, int year, LocalDate today) {
        this.membership = membership;
        this.volunteering = volunteering;
        this.tokens = tokens;
        this.out = out;
        this.knowledgeWait = knowledgeWait;
        this.year = year;
        this.today = today;
    }

    /** The year of the brand projects' records. */
    public int year() {
        return year;
    }

    /** The year of the patrol's hours: the one evaluated. */
    public int hoursYear() {
        return today.getYear();
    }

    /** True when every brand project is there and the patrol's hours of the year are approved. */
    public boolean alreadyLoaded() {
        return brandProjectsLoaded() && patrolMinutes() >= DemoVolunteering.patrolHours(xiangcheng()).stream()
                .mapToLong(DemoVolunteering.Shift::minutes).sum();
    }

    private boolean brandProjectsLoaded() {
        return DemoVolunteering.BRAND_PROJECTS.stream().allMatch(p -> project(p).isPresent());
    }

    void load() {
        Instant start = Instant.now();
        if (!brandProjectsLoaded()) {
            Map<String, UUID> projects = new LinkedHashMap<>();
            for (BrandProject p : DemoVolunteering.BRAND_PROJECTS) {
                projects.put(p.key(), launch(p));
            }
            formPatrolTeam(projects.get(DemoVolunteering.PATROL.key()));
        }
        List<DemoVolunteering.Shift> shifts = recordPatrolHours();
        out.printf("volunteering demo data loaded in %d s: %d brand projects, a patrol team of %d, %d entries of its "
                        + "hours approved in %d communities (%s)%n", Duration.between(start, Instant.now()).toSeconds(),
                DemoVolunteering.BRAND_PROJECTS.size(), DemoVolunteering.PATROL_TEAM_SIZE, shifts.size(),
                shifts.stream().map(s -> s.member().residenceCommunityCode()).distinct().count(),
                DemoVolunteering.DISTRICT);
    }

    private UUID launch(BrandProject p) {
        UUID organisation = organisation(p.organisationName());
        String key = "demo-volunteering-" + p.key();
        String id = untilKnown("launch brand project " + p.name(), () -> volunteering.post("/brand-projects",
                Map.of("organisationId", organisation, "name", p.name(), "description", p.description()), key))
                .text("id");
        for (int i = 0; i < p.records().size(); i++) {
            DemoVolunteering.Record r = p.records().get(i);
            volunteering.post("/brand-projects/" + id + "/records", Map.of("type", r.type(), "quantity", r.quantity(),
                    "occurredOn", LocalDate.of(year, r.month(), 15).toString()), key + "-record-" + i)
                    .requireSuccess("record " + r.type() + " of " + p.name());
        }
        return UUID.fromString(id);
    }

    private void formPatrolTeam(UUID project) {
        DemoDistrict xiangcheng = membership.data().district(DemoVolunteering.DISTRICT);
        List<DemoMember> team = DemoVolunteering.patrolTeam(xiangcheng);
        List<UUID> volunteers = team.stream().map(this::register).toList();
        String id = volunteering.post("/teams", Map.of("name", PATROL_TEAM, "content", "治安巡逻、提供破案线索",
                        "base", "BRAND_PROJECT", "brandProjectId", project, "leadVolunteerId", volunteers.get(0),
                        "joinPolicy", "APPROVAL"), "demo-volunteering-patrol-team")
                .requireSuccess("form " + PATROL_TEAM).text("id");
        for (UUID v : volunteers.subList(1, volunteers.size())) {
            volunteering.post("/teams/" + id + "/members", Map.of("volunteerId", v),
                    "demo-volunteering-patrol-team-" + v).requireSuccess("add volunteer " + v + " to " + PATROL_TEAM);
        }
    }

    /**
     * The patrol's hours of the year: per community a post, claimed by its volunteers, each one's entry recorded by
     * the district system (served on the 10th of the shift's month, or today if that is still to come) and approved
     * by the community's staff.
     */
    private List<DemoVolunteering.Shift> recordPatrolHours() {
        List<DemoVolunteering.Shift> shifts = DemoVolunteering.patrolHours(xiangcheng());
        Map<String, UUID> orgs = membership.organisations(DemoVolunteering.DISTRICT);
        Map<UUID, String> posts = new HashMap<>();
        for (DemoVolunteering.Shift s : shifts) {
            UUID community = orgs.get(s.member().residenceCommunityCode());
            String post = posts.computeIfAbsent(community, this::patrolPost);
            UUID volunteer = membership.memberId(DemoVolunteering.DISTRICT, s.member().key());
            claim(post, volunteer, s.member().key());
            LocalDate day = LocalDate.of(hoursYear(), s.month(), 10);
            JsonNode hours = hours(post, volunteer, day.isAfter(today) ? today : day, s.minutes(), s.member().key());
            if (Set.of("PENDING", "APPEALED").contains(hours.path("status").asString())) {
                ServiceClient staff = volunteering.as(() -> tokens.apply(DemoVolunteering.DISTRICT,
                        new Caller(Role.COMMUNITY_STAFF, community, null)));
                String id = hours.path("id").asString();
                staff.post("/hours/" + id + "/approve", Map.of("version", hours.path("version").asLong()),
                        "demo-volunteering-patrol-approve-" + id).requireSuccess("approve the patrol hours of "
                        + s.member().key());
            }
        }
        return shifts;
    }

    /** The community's patrol post of the year: found, or published by the district system. */
    private String patrolPost(UUID community) {
        Instant starts = LocalDate.of(hoursYear(), 1, 1).atStartOfDay(CHINA).toInstant();
        Instant ends = LocalDate.of(hoursYear() + 1, 1, 1).atStartOfDay(CHINA).toInstant();
        for (JsonNode p : volunteering.getAllOk("/posts", Map.of("organisationId", community.toString(),
                "status", "OPEN"))) {
            if (DemoVolunteering.PATROL_POST.equals(p.path("title").asString())
                    && starts.equals(Instant.parse(p.path("startsAt").asString()))) {
                return p.path("id").asString();
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("communityId", community);
        body.put("publisher", "COMMUNITY");
        body.put("title", DemoVolunteering.PATROL_POST);
        body.put("description", "老党员治安巡逻队在社区夜间巡逻、提供破案线索，每人全年" + PATROL_POST_HOURS + "小时");
        body.put("place", "社区党群服务中心集合");
        body.put("requirement", "NONE");
        body.put("schedule", "FLEXIBLE");
        body.put("startsAt", starts.toString());
        body.put("endsAt", ends.toString());
        body.put("hoursBudget", PATROL_POST_HOURS);
        body.put("capacity", DemoVolunteering.PATROL_TEAM_SIZE);
        return untilKnown("publish the patrol post of community " + community, () -> volunteering.post("/posts", body,
                "demo-volunteering-patrol-post-" + hoursYear() + "-" + community)).text("id");
    }

    /** The volunteer's claim on the post (认岗), made with the member's own token unless they hold one. */
    private void claim(String post, UUID volunteer, String memberKey) {
        for (JsonNode c : volunteering.getAllOk("/posts/" + post + "/claims", Map.of())) {
            if (volunteer.toString().equals(c.path("volunteerId").asString())
                    && "ACTIVE".equals(c.path("status").asString())) {
                return;
            }
        }
        ServiceClient member = volunteering.as(() -> tokens.apply(DemoVolunteering.DISTRICT,
                new Caller(Role.MEMBER, null, volunteer)));
        untilKnown("claim the patrol post for " + memberKey, () -> member.post("/posts/" + post + "/claims", Map.of(),
                "demo-volunteering-patrol-claim-" + post));
    }

    /** The volunteer's entry on the post: found (unless declined), or recorded for them by the district system. */
    private JsonNode hours(String post, UUID volunteer, LocalDate servedOn, int minutes, String memberKey) {
        for (JsonNode h : volunteering.getAllOk("/volunteers/" + volunteer + "/hours", Map.of())) {
            if (post.equals(h.path("shiftId").asString()) && !"DECLINED".equals(h.path("status").asString())) {
                return h;
            }
        }
        return volunteering.post("/hours", Map.of("volunteerId", volunteer, "shiftKind", "POST", "shiftId", post,
                        "servedOn", servedOn.toString(), "minutes", minutes, "reason", "巡逻签到表记录，由街道代为登记"),
                "demo-volunteering-patrol-hours-" + post + "-" + memberKey)
                .requireSuccess("record the patrol hours of " + memberKey).body();
    }

    /** 南坑街道: the street whose communities the patrol serves. */
    public UUID patrolStreet() {
        return organisation(DemoVolunteering.PATROL_STREET);
    }

    /** The approved service minutes of the year in 南坑街道's communities, as the service reports them. */
    public long patrolMinutes() {
        Response r = volunteering.get("/reports/volunteering", Map.of("organisationId",
                patrolStreet().toString(), "from", hoursYear() + "-01-01",
                "to", hoursYear() + "-12-31"));
        return r.success() ? r.body().path("serviceMinutes").asLong() : 0;
    }

    private DemoDistrict xiangcheng() {
        return membership.data().district(DemoVolunteering.DISTRICT);
    }

    /** A member registered as a volunteer of the community they live in. */
    private UUID register(DemoMember m) {
        UUID community = membership.organisations(DemoVolunteering.DISTRICT).get(m.residenceCommunityCode());
        UUID member = membership.memberId(DemoVolunteering.DISTRICT, m.key());
        return UUID.fromString(untilKnown("register member " + m.key() + " as a volunteer",
                () -> volunteering.post("/volunteers", Map.of("communityId", community, "memberId", member),
                        "demo-volunteering-" + m.key())).text("id"));
    }

    /** Retries a create the service refuses while it has not learnt of an organisation or member from events. */
    private Response untilKnown(String what, Supplier<Response> create) {
        Instant deadline = Instant.now().plus(knowledgeWait);
        Response r = create.get();
        while (Set.of(403, 404, 422).contains(r.status()) && Instant.now().isBefore(deadline)) {
            DemoLoader.pause();
            r = create.get();
        }
        return r.requireSuccess(what + " (volunteering-" + DemoVolunteering.DISTRICT + " learns organisations and "
                + "members from " + DemoVolunteering.DISTRICT + ".membership.events; waited up to "
                + knowledgeWait.toSeconds() + " s)");
    }

    private UUID organisation(String name) {
        DemoDistrict xiangcheng = membership.data().district(DemoVolunteering.DISTRICT);
        return membership.organisations(DemoVolunteering.DISTRICT)
                .get(DemoVolunteering.organisationCode(xiangcheng, name));
    }

    /** The brand project as the service lists it under its organisation, if launched. */
    public Optional<JsonNode> project(BrandProject p) {
        Response r = volunteering.get("/brand-projects",
                Map.of("organisationId", organisation(p.organisationName()).toString(), "size", "200"));
        if (!r.success()) {
            return Optional.empty();
        }
        for (JsonNode item : r.body().path("items")) {
            if (p.name().equals(item.path("name").asString())) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    /** The service's own report of a brand project's year: outcome type → quantity. */
    public Map<String, Long> outcomes(BrandProject p) {
        String id = project(p).orElseThrow(() -> new IllegalStateException(p.name() + " is not there")).path("id")
                .asString();
        JsonNode report = volunteering.getOk("/brand-projects/" + id + "/report",
                Map.of("from", year + "-01-01", "to", year + "-12-31"));
        Map<String, Long> outcomes = new LinkedHashMap<>();
        for (JsonNode o : report.path("outcomes")) {
            outcomes.put(o.path("type").asString(), o.path("quantity").asLong());
        }
        return outcomes;
    }

    /** The patrol team's size as the service reports it: its lead and its members. */
    public int patrolTeamSize() {
        String street = organisation(DemoVolunteering.PATROL_STREET).toString();
        for (JsonNode team : volunteering.getAllOk("/teams", Map.of("organisationId", street))) {
            if (PATROL_TEAM.equals(team.path("name").asString())) {
                Set<String> people = new HashSet<>(Set.of(team.path("leadVolunteerId").asString()));
                team.path("members").forEach(m -> {
                    if ("MEMBER".equals(m.path("status").asString())) {
                        people.add(m.path("volunteerId").asString());
                    }
                });
                return people.size();
            }
        }
        return 0;
    }
}
