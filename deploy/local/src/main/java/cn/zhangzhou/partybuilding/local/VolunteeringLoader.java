package cn.zhangzhou.partybuilding.local;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import cn.zhangzhou.partybuilding.local.demo.DemoDistrict;
import cn.zhangzhou.partybuilding.local.demo.DemoMember;
import cn.zhangzhou.partybuilding.local.demo.DemoVolunteering;
import cn.zhangzhou.partybuilding.local.demo.DemoVolunteering.BrandProject;
import cn.zhangzhou.partybuilding.platform.ServiceClient;
import cn.zhangzhou.partybuilding.platform.ServiceClient.Response;
import tools.jackson.databind.JsonNode;

/**
 * Loads the article's brand projects ({@link DemoVolunteering}) into 芗城区's volunteering service through its REST
 * API as the district's system: each project, its service records of last year by outcome type, and 南坑街道's patrol
 * team (its members registered as volunteers, the team formed with its lead, the others added). Every create carries
 * an Idempotency-Key, so an interrupted run can simply be repeated. The service knows organisations and members only
 * from the district's membership events: a create refused while it has not heard of them is retried (bounded).
 */
public final class VolunteeringLoader {

    static final Duration KNOWLEDGE_WAIT = Duration.ofSeconds(120);
    static final String PATROL_TEAM = "南坑街道治安巡逻队";

    private final WishesLoader membership;
    private final ServiceClient volunteering;
    private final PrintStream out;
    private final Duration knowledgeWait;
    /** The year the records fall in: the last whole one, so that none is in the future. */
    private final int year;

    /**
     * @param membership   reads organisations and members of 芗城区 back from its membership service
     * @param volunteering 芗城区's volunteering service, as its district system
     */
    public VolunteeringLoader(WishesLoader membership, ServiceClient volunteering, PrintStream out) {
        this(membership, volunteering, out, KNOWLEDGE_WAIT, LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() - 1);
    }

    VolunteeringLoader(WishesLoader membership, ServiceClient volunteering, PrintStream out, Duration knowledgeWait,
                       int year) {
        this.membership = membership;
        this.volunteering = volunteering;
        this.out = out;
        this.knowledgeWait = knowledgeWait;
        this.year = year;
    }

    public int year() {
        return year;
    }

    /** True when every brand project is there. */
    public boolean alreadyLoaded() {
        return DemoVolunteering.BRAND_PROJECTS.stream().allMatch(p -> project(p).isPresent());
    }

    void load() {
        Instant start = Instant.now();
        Map<String, UUID> projects = new LinkedHashMap<>();
        for (BrandProject p : DemoVolunteering.BRAND_PROJECTS) {
            projects.put(p.key(), launch(p));
        }
        formPatrolTeam(projects.get(DemoVolunteering.PATROL.key()));
        out.printf("volunteering demo data loaded in %d s: %d brand projects, a patrol team of %d (%s)%n",
                Duration.between(start, Instant.now()).toSeconds(), projects.size(), DemoVolunteering.PATROL_TEAM_SIZE,
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
