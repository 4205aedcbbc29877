package cn.zhangzhou.partybuilding.local;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import cn.zhangzhou.partybuilding.local.WishesLoader.Caller;
import cn.zhangzhou.partybuilding.local.demo.DemoDistrict;
import cn.zhangzhou.partybuilding.local.demo.DemoMember;
import cn.zhangzhou.partybuilding.local.demo.DemoOrganisation;
import cn.zhangzhou.partybuilding.local.demo.DemoVolunteering;
import cn.zhangzhou.partybuilding.local.demo.DemoWish;
import cn.zhangzhou.partybuilding.local.demo.DemoWishState;
import cn.zhangzhou.partybuilding.local.demo.DemoWishes;
import cn.zhangzhou.partybuilding.events.membership.CadreRole;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.platform.ServiceClient;
import cn.zhangzhou.partybuilding.platform.ServiceClient.Response;
import cn.zhangzhou.partybuilding.support.security.Role;
import tools.jackson.databind.JsonNode;

/**
 * Loads a year of evaluation (decision 0021) into each district's evaluation service through its REST API, after the
 * membership, wishes and volunteering demo data: for the communities of the district's first street a project with
 * targets checked on site and its results published, responsibility contracts signed level by level (district →
 * street → community), funds (one community under the floor) and a certified social worker; a COMMUNITY round with
 * every component — the district's assessment of every community, and for the first street's communities their own
 * staff, their peers, five residents with one-time codes each and five members of one of them, and the district's
 * assessment of their cadres (decision 0027) — closed once the
 * objective indicators show the year's confirmed wishes and met targets, one score calibrated, graded within the quota.
 * The year is the one the district's wishes were confirmed in (this year; 漳浦县 replays 2015). Most steps are the
 * district system's (one token); only what the rules reserve to an organisation's own staff or to members signs in as
 * them. Every create carries an Idempotency-Key and every rating a refused repeat (409) is taken as done, so an
 * interrupted run can simply be repeated; a district whose round is closed and graded is skipped.
 */
public final class EvaluationLoader {

    static final Duration KNOWLEDGE_WAIT = Duration.ofSeconds(120);
    static final int RESIDENT_CODES = 5;
    static final int MEMBER_RATERS = 5;
    /** Allocated per fund and community: above the ¥50,000 floor, but for the last community's mass-service fund. */
    static final long ALLOCATION_YUAN = 60_000;
    static final long UNDER_FLOOR_YUAN = 40_000;
    static final Map<String, Integer> WEIGHTS = new LinkedHashMap<>(Map.of("self", 20, "mutual", 10, "assessment",
            30, "members", 10, "residents", 20, "objective", 10));

    private final WishesLoader membership;
    private final Map<String, ServiceClient> evaluation;
    private final BiFunction<String, Caller, String> tokens;
    private final PrintStream out;
    private final Duration knowledgeWait;
    private final int currentYear;

    /**
     * @param membership reads the demo data, organisations and members back (its wishes tell the year)
     * @param evaluation each district's evaluation service, as its district system
     * @param tokens     a caller's token in a district (staff of an organisation, a member)
     */
    public EvaluationLoader(WishesLoader membership, Map<String, ServiceClient> evaluation,
                            BiFunction<String, Caller, String> tokens, PrintStream out) {
        this(membership, evaluation, tokens, out, KNOWLEDGE_WAIT);
    }

    EvaluationLoader(WishesLoader membership, Map<String, ServiceClient> evaluation,
                     BiFunction<String, Caller, String> tokens, PrintStream out, Duration knowledgeWait) {
        this.membership = membership;
        this.evaluation = evaluation;
        this.tokens = tokens;
        this.out = out;
        this.knowledgeWait = knowledgeWait;
        this.currentYear = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
    }

    /** The year evaluated in a district: the one its demo wishes were confirmed in. */
    public int year(String d) {
        boolean replayed = membership.wishes().getOrDefault(d, List.of()).stream().anyMatch(w -> w.replay() != null);
        return replayed ? DemoWishes.REPLAY_YEAR : currentYear;
    }

    /** The district's COMMUNITY round of its year, if opened. */
    public JsonNode round(String d) {
        for (JsonNode r : evaluation.get(d).getOk("/rounds", Map.of("year", String.valueOf(year(d))))) {
            if ("COMMUNITY".equals(r.path("level").asString())) {
                return r;
            }
        }
        return null;
    }

    /** True when every district's round is closed and graded. */
    public boolean alreadyLoaded() {
        return evaluation.keySet().stream().allMatch(this::loaded);
    }

    private boolean loaded(String d) {
        JsonNode round = round(d);
        if (round == null || !"CLOSED".equals(round.path("status").asString())) {
            return false;
        }
        for (JsonNode line : evaluation.get(d).getOk("/rounds/" + round.path("id").asString() + "/scores", Map.of())) {
            if (line.hasNonNull("grade")) {
                return true;
            }
        }
        return false;
    }

    void load(Parallel parallel) {
        Instant start = Instant.now();
        parallel.forEach(evaluation.keySet().stream().filter(d -> !loaded(d)).toList(), this::load);
        out.printf("evaluation demo data loaded in %d s: %s%n", Duration.between(start, Instant.now()).toSeconds(),
                evaluation.keySet());
    }

    /** The communities rated from every direction: those of the district's first street. */
    public List<DemoOrganisation> focus(String d) {
        DemoDistrict district = membership.data().district(d);
        String street = district.organisations(OrganisationType.STREET_COMMITTEE).get(0).code();
        return district.organisations(OrganisationType.COMMUNITY).stream()
                .filter(c -> street.equals(c.parentCode())).toList();
    }

    public DemoOrganisation street(String d) {
        return membership.data().district(d).organisations(OrganisationType.STREET_COMMITTEE).get(0);
    }

    /** The focus community whose members rate: the one most of the district's own members live in. */
    public DemoOrganisation ratedByMembers(String d) {
        return focus(d).stream().max(java.util.Comparator.comparingInt(c -> residents(d, c).size())).orElseThrow();
    }

    private void load(String d) {
        Instant start = Instant.now();
        int year = year(d);
        Map<String, UUID> orgs = membership.organisations(d);
        List<DemoOrganisation> focus = focus(d);
        List<String> projects = new ArrayList<>();
        for (DemoOrganisation c : focus) {
            UUID secretary = secretary(d, c);
            String project = project(d, year, c, orgs.get(c.code()), secretary, focus.indexOf(c));
            projects.add(project);
            contract(d, year, orgs.get(c.code()), secretary, List.of(project), "community-" + c.code());
            funds(d, year, orgs.get(c.code()), c == focus.get(focus.size() - 1));
        }
        contract(d, year, orgs.get(street(d).code()), secretary(d, focus.get(1)), projects, "street");
        certifySocialWorker(d, year, focus);
        String round = rate(d, year, orgs, focus);
        assessCadres(d, round, focus);
        awaitIndicators(d, year, focus.size());
        close(d, round, orgs.get(focus.get(focus.size() - 1).code()));
        out.printf("  %-10s evaluation %d: %d projects, %d contracts, a COMMUNITY round closed and graded in %d s%n", d,
                year, projects.size(), projects.size() + 1, Duration.between(start, Instant.now()).toSeconds());
    }

    /** The community's secretary: the head (主干) of its committees when the demo has one, else its first member. */
    private UUID secretary(String d, DemoOrganisation community) {
        List<DemoMember> own = membership.data().district(d).members().stream()
                .filter(m -> community.code().equals(m.homeOrganisationCode())
                        || m.residenceDistrict().equals(d) && community.code().equals(m.residenceCommunityCode()))
                .toList();
        DemoMember m = own.stream().filter(x -> x.cadreRole() == CadreRole.HEAD).findFirst()
                .orElse(own.isEmpty() ? membership.data().district(d).members().get(0) : own.get(0));
        return membership.memberId(d, m.key());
    }

    /** 以需立项、以项定责、以责评绩: launched, progress, the year-end report, checked on site, reviewed, published. */
    private String project(String d, int year, DemoOrganisation c, UUID community, UUID secretary, int index) {
        ServiceClient system = evaluation.get(d);
        String key = "demo-evaluation-" + d + "-" + year + "-project-" + c.code();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organisationId", community);
        body.put("year", year);
        body.put("title", c.name() + "微心愿圆梦与党员双报到项目");
        body.put("need", "居民走访中记录的需求：困难群众的微心愿无人认领，在职党员回社区报到后缺少服务岗位");
        body.put("secretaryId", secretary);
        body.put("targets", List.of(Map.of("indicator", "微心愿认领并确认完成", "unit", "个", "targetValue", 5),
                Map.of("indicator", "在职党员到社区报到服务", "unit", "人", "targetValue", 3)));
        body.put("milestones", List.of(Map.of("title", "完成入户走访建立需求清单", "dueOn", year + "-03-31")));
        String id = untilKnown(d, "launch the project of " + c.name(), () -> system.post("/projects", body, key))
                .text("id");
        JsonNode p = system.getOk("/projects/" + id, Map.of());
        if ("ACTIVE".equals(p.path("status").asString())) {
            system.post("/projects/" + id + "/progress", Map.of("note", "走访完成，需求清单已建立", "milestoneId",
                    p.path("milestones").get(0).path("id").asString()), key + "-progress")
                    .requireSuccess("progress of " + c.name() + "'s project");
            long version = system.getOk("/projects/" + id, Map.of()).path("version").asLong();
            system.post("/projects/" + id + "/report", Map.of("version", version, "report",
                    "全年认领并完成微心愿，在职党员回社区报到服务，按责任状逐项落实。"), key + "-report")
                    .requireSuccess("year-end report of " + c.name() + "'s project");
            p = system.getOk("/projects/" + id, Map.of());
        }
        for (int i = 0; i < p.path("targets").size(); i++) {
            JsonNode t = p.path("targets").get(i);
            if (!t.hasNonNull("met")) {
                // Every third community falls short of its second target: the on-site check finds 2 of 3.
                int found = t.path("targetValue").asInt() + (index % 3 == 2 && i == 1 ? -1 : 1);
                system.post("/projects/" + id + "/targets/" + t.path("id").asString() + "/check",
                        Map.of("valueFound", found), null).requireSuccess("on-site check of " + c.name());
            }
        }
        p = system.getOk("/projects/" + id, Map.of());
        if (!p.hasNonNull("review")) {
            system.post("/projects/" + id + "/review", Map.of("version", p.path("version").asLong(), "grade", "GOOD",
                    "comment", "述职内容翔实，目标基本完成"), key + "-review").requireSuccess("review of " + c.name());
            p = system.getOk("/projects/" + id, Map.of());
        }
        if (!"PUBLISHED".equals(p.path("status").asString())) {
            system.post("/projects/" + id + "/publish", Map.of("version", p.path("version").asLong()), key + "-publish")
                    .requireSuccess("publish the results of " + c.name() + "'s project");
        }
        return id;
    }

    /** 责任状: issued (and so signed) by the level above, countersigned by the organisation's own staff. */
    private void contract(String d, int year, UUID organisation, UUID secretary, List<String> projects, String what) {
        JsonNode c = untilKnown(d, "issue the contract of " + what, () -> evaluation.get(d).post("/contracts",
                Map.of("year", year, "organisationId", organisation, "secretaryId", secretary, "projectIds", projects),
                "demo-evaluation-" + d + "-" + year + "-contract-" + what)).body();
        String id = c.path("id").asString();
        c = evaluation.get(d).getOk("/contracts/" + id, Map.of());
        if ("ISSUED".equals(c.path("status").asString())) {
            Role staff = what.equals("street") ? Role.STREET_STAFF : Role.COMMUNITY_STAFF;
            as(d, new Caller(staff, organisation, null)).post("/contracts/" + id + "/sign",
                    Map.of("version", c.path("version").asLong()), null).requireSuccess("sign the contract of " + what);
        }
    }

    /** Work and mass-service funds allocated by the district, some spent; the last community's under the floor. */
    private void funds(String d, int year, UUID community, boolean underFloor) {
        String key = "demo-evaluation-" + d + "-" + year + "-funds-" + community;
        fund(d, year, community, "WORK", "ALLOCATION", ALLOCATION_YUAN, "年度工作经费", key + "-work");
        fund(d, year, community, "MASS_SERVICE", "ALLOCATION", underFloor ? UNDER_FLOOR_YUAN : ALLOCATION_YUAN,
                "服务群众专项经费", key + "-mass");
        fund(d, year, community, "WORK", "SPENDING", 12_000, "党群服务中心活动开支", key + "-spent");
    }

    private void fund(String d, int year, UUID community, String fund, String entry, long yuan, String note,
                      String key) {
        untilKnown(d, "record " + fund + " " + entry, () -> evaluation.get(d).post("/funds", Map.of("communityId",
                community, "year", year, "fund", fund, "entry", entry, "amountYuan", yuan, "note", note), key));
    }

    /** The first committee head (主干) of the focus communities is a certified social worker (持证社工). */
    private void certifySocialWorker(String d, int year, List<DemoOrganisation> focus) {
        membership.data().district(d).members().stream()
                .filter(m -> m.cadreRole() == CadreRole.HEAD && focus.stream()
                        .anyMatch(c -> c.code().equals(m.homeOrganisationCode())))
                .findFirst().ifPresent(m -> untilKnown(d, "certify " + m.key() + " as a social worker",
                        () -> evaluation.get(d).put("/cadres/" + membership.memberId(d, m.key()) + "/social-worker",
                                Map.of("certifiedOn", year + "-01-01"))));
    }

    /** Opens the round (or finds it) and rates from every direction; returns its id. */
    private String rate(String d, int year, Map<String, UUID> orgs, List<DemoOrganisation> focus) {
        ServiceClient system = evaluation.get(d);
        JsonNode round = round(d);
        String id = round != null ? round.path("id").asString() : system.post("/rounds", Map.of("year", year,
                "level", "COMMUNITY", "weights", WEIGHTS), "demo-evaluation-" + d + "-" + year + "-round")
                .requireSuccess("open the COMMUNITY round of " + year).text("id");
        String rounds = "/rounds/" + id;
        List<DemoOrganisation> communities = membership.data().district(d).organisations(OrganisationType.COMMUNITY);
        for (int i = 0; i < communities.size(); i++) {
            rateOnce(d, system, rounds + "/assessments", orgs.get(communities.get(i).code()), 70 + (i * 7) % 26);
        }
        for (int i = 0; i < focus.size(); i++) {
            UUID community = orgs.get(focus.get(i).code());
            ServiceClient own = as(d, new Caller(Role.COMMUNITY_STAFF, community, null));
            rateOnce(d, own, rounds + "/self-assessments", community, 85 + i % 3 * 5);
            for (DemoOrganisation peer : focus) {
                if (peer != focus.get(i)) {
                    rateOnce(d, as(d, new Caller(Role.COMMUNITY_STAFF, orgs.get(peer.code()), null)),
                            rounds + "/mutual-ratings", community, 80 + (i + peer.code().hashCode() & 7));
                }
            }
            residents(d, system, rounds, community, i);
        }
        DemoOrganisation rated = ratedByMembers(d);
        List<DemoMember> members = residents(d, rated);
        for (int i = 0; i < Math.min(MEMBER_RATERS, members.size()); i++) {
            UUID member = membership.memberId(d, members.get(i).key());
            rateOnce(d, as(d, new Caller(Role.MEMBER, null, member)), rounds + "/member-ratings",
                    orgs.get(rated.code()), 86 + i * 2);
        }
        return id;
    }

    /**
     * 考评 of the focus communities' cadres by the district (decision 0027): each cadre's own score is then their
     * community's and this assessment, and sets their award on next year's pay sheets.
     */
    private void assessCadres(String d, String round, List<DemoOrganisation> focus) {
        List<DemoMember> cadres = cadres(d, focus);
        for (int i = 0; i < cadres.size(); i++) {
            UUID member = membership.memberId(d, cadres.get(i).key());
            int score = 72 + (i * 5) % 24;
            untilKnown(d, "assess cadre " + cadres.get(i).key(), () -> {
                Response answer = evaluation.get(d).post("/rounds/" + round + "/cadre-assessments",
                        Map.of("memberId", member, "score", score), null);
                // 409: assessed by an earlier, interrupted run
                return answer.status() == 409 ? new Response(answer.call(), 204, null, "", false) : answer;
            });
        }
    }

    /** The demo's cadres (两委) whose home is one of the focus communities. */
    List<DemoMember> cadres(String d, List<DemoOrganisation> focus) {
        return membership.data().district(d).members().stream()
                .filter(m -> m.cadreRole() != null && focus.stream()
                        .anyMatch(c -> c.code().equals(m.homeOrganisationCode())))
                .toList();
    }

    /** Members of the district living in the community (their token is their home district's: this one). */
    private List<DemoMember> residents(String d, DemoOrganisation community) {
        return membership.data().district(d).members().stream()
                .filter(m -> m.residenceDistrict().equals(d) && community.code().equals(m.residenceCommunityCode()))
                .toList();
    }

    /** 群众评价: the community's one-time codes, each used once by a resident (the code is the credential). */
    private void residents(String d, ServiceClient system, String round, UUID community, int index) {
        JsonNode codes = untilKnown(d, "issue residents' codes", () -> system.post(round + "/resident-codes",
                Map.of("communityId", community, "count", RESIDENT_CODES), "demo-evaluation-codes-"
                        + round.substring("/rounds/".length()) + "-" + community)).body().path("codes");
        int score = 78 + index % 4 * 3;
        for (JsonNode code : codes) {
            Response r = system.post("/resident-ratings", Map.of("code", code.asString(), "score", score++), null);
            if (r.status() != 409) { // 409: used by an earlier, interrupted run
                r.requireSuccess("a resident's rating of " + community);
            }
        }
    }

    /** A rating, once: a 409 means an earlier, interrupted run gave it. */
    private void rateOnce(String d, ServiceClient caller, String path, UUID organisation, int score) {
        Response r = untilKnown(d, "rate " + organisation + " at " + path, () -> {
            Response answer = caller.post(path, Map.of("organisationId", organisation, "score", score), null);
            return answer.status() == 409 ? new Response(answer.call(), 204, null, "", false) : answer;
        });
        r.requireSuccess(path);
    }

    /**
     * The objective indicators are read at the close: waits until the service counted every confirmed demo wish of
     * the year and every met target of the projects (they reach it as events), and in 芗城区 every entry of the
     * patrol's approved hours ({@link VolunteeringLoader}, HoursApproved from its volunteering service).
     */
    private void awaitIndicators(String d, int year, int projects) {
        long wishes = membership.wishes().getOrDefault(d, List.of()).stream()
                .filter(w -> w.state() == DemoWishState.CONFIRMED).count();
        long hours = d.equals(DemoVolunteering.DISTRICT)
                ? DemoVolunteering.patrolHours(membership.data().district(d)).size() : 0;
        Instant deadline = Instant.now().plus(knowledgeWait);
        while (true) {
            long confirmed = 0;
            long met = 0;
            long served = 0;
            // Indicators are an organisation's that is evaluated: the district's are its streets' together.
            for (DemoOrganisation street : membership.data().district(d).organisations(OrganisationType.STREET_COMMITTEE)) {
                JsonNode indicators = evaluation.get(d).getOk("/indicators", Map.of("organisationId",
                        membership.organisations(d).get(street.code()).toString(), "year", String.valueOf(year)))
                        .path("indicators");
                confirmed += count(indicators, "WISHES_CONFIRMED");
                met += count(indicators, "TARGETS_MET");
                served += count(indicators, "HOURS_SERVED");
            }
            if (confirmed >= wishes && met >= projects && served >= hours) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("evaluation-" + d + " counts " + confirmed + " confirmed wishes, "
                        + met + " met targets and " + served + " approved hours of " + year + " after "
                        + knowledgeWait.toSeconds() + " s, not " + wishes + ", at least " + projects + " and at least "
                        + hours + "; it reads them from " + d + ".wishes.events, " + d + ".volunteering.events and "
                        + d + ".evaluation.events (see its log)");
            }
            DemoLoader.pause();
        }
    }

    private static long count(JsonNode indicators, String kind) {
        for (JsonNode i : indicators) {
            if (kind.equals(i.path("kind").asString())) {
                return i.path("events").asLong();
            }
        }
        return 0;
    }

    /** Closes the round, calibrates one score (with its reason) and grades: the first 优秀, the rest by score. */
    private void close(String d, String round, UUID calibrated) {
        ServiceClient system = evaluation.get(d);
        String path = "/rounds/" + round;
        JsonNode r = system.getOk(path, Map.of());
        if ("OPEN".equals(r.path("status").asString())) {
            system.post(path + "/close", Map.of("version", r.path("version").asLong()), null)
                    .requireSuccess("close round " + round);
        }
        JsonNode explained = system.getOk(path + "/scores/" + calibrated, Map.of());
        if (explained.path("calibrations").isEmpty() && !explained.path("score").isNull()) {
            double raised = Math.min(100, explained.path("score").asDouble() + 2);
            system.post(path + "/scores/" + calibrated + "/calibration", Map.of("score",
                    java.math.BigDecimal.valueOf(raised).setScale(2, java.math.RoundingMode.HALF_UP), "reason",
                    "实地核查补充材料：服务群众专项经费不足仍完成全部微心愿"), null).requireSuccess("calibrate " + calibrated);
        }
        List<Map<String, Object>> grades = new ArrayList<>();
        for (JsonNode line : system.getOk(path + "/scores", Map.of())) {
            if (line.path("score").isNull()) {
                continue;
            }
            // One 优秀 (ties at the top included would break the quota of a small district), the others by score.
            String grade = grades.isEmpty() ? "EXCELLENT" : line.path("score").asDouble() >= 80 ? "GOOD" : "PASS";
            grades.add(Map.of("organisationId", line.path("organisationId").asString(), "grade", grade));
        }
        system.post(path + "/grades", Map.of("grades", grades), null).requireSuccess("grade round " + round);
    }

    private ServiceClient as(String d, Caller caller) {
        return evaluation.get(d).as(() -> tokens.apply(d, caller));
    }

    /** Retries a step the service refuses while it has not learnt of an organisation or member from events. */
    private Response untilKnown(String d, String what, Supplier<Response> step) {
        Instant deadline = Instant.now().plus(knowledgeWait);
        Response r = step.get();
        while (Set.of(403, 404, 422).contains(r.status()) && Instant.now().isBefore(deadline)) {
            DemoLoader.pause();
            r = step.get();
        }
        return r.requireSuccess(what + " (evaluation-" + d + " learns organisations and members from " + d
                + ".membership.events; waited up to " + knowledgeWait.toSeconds() + " s)");
    }
}
