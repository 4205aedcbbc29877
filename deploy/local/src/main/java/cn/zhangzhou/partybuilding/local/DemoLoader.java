package cn.zhangzhou.partybuilding.local;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import cn.zhangzhou.partybuilding.local.demo.DemoDataSet;
import cn.zhangzhou.partybuilding.local.demo.DemoDistrict;
import cn.zhangzhou.partybuilding.local.demo.DemoFigures;
import cn.zhangzhou.partybuilding.local.demo.DemoMember;
import cn.zhangzhou.partybuilding.local.demo.DemoOrganisation;
import cn.zhangzhou.partybuilding.local.demo.DemoUnitReport;
import cn.zhangzhou.partybuilding.platform.ServiceClient;
import cn.zhangzhou.partybuilding.platform.ServiceClient.Response;
import tools.jackson.databind.JsonNode;

/**
 * Loads a {@link DemoDataSet} into running membership services through their REST API. Every create
 * carries an Idempotency-Key derived from the demo key, so a run interrupted half-way can simply be
 * repeated. Districts load in parallel; the cross-district member reports come last because the
 * residence district learns of the other district's members from events.
 */
public final class DemoLoader {

    static final Duration CROSS_DISTRICT_WAIT = Duration.ofSeconds(30);

    private final DemoDataSet data;
    private final Map<String, ServiceClient> clients;
    private final PrintStream out;
    /** district → organisation code → UUID. */
    private final Map<String, Map<String, String>> organisationIds = new ConcurrentHashMap<>();
    /** member key → UUID. */
    private final Map<String, String> memberIds = new ConcurrentHashMap<>();

    public DemoLoader(DemoDataSet data, Map<String, ServiceClient> clients, PrintStream out) {
        this.data = data;
        this.clients = clients;
        this.out = out;
    }

    /** True when every district's statistics already show the demo figures. */
    public boolean alreadyLoaded() {
        for (DemoDistrict d : data.districts()) {
            DemoFigures expected = data.expectedFigures(d.id());
            Response r = clients.get(d.id()).get("/statistics", Map.of());
            if (!r.success() || r.body() == null) {
                // Loading is idempotent, so an unreadable figure only costs a (harmless) re-run.
                out.printf("  %s: GET /statistics answered %d (%s); loading anyway%n", d.id(), r.status(), r.problem());
                return false;
            }
            JsonNode s = r.body();
            if (s.path("communities").asInt() != expected.communities()
                    || s.path("grids").asInt() != expected.grids()
                    || s.path("partyGroups").asInt() != expected.partyGroups()
                    || s.path("members").asInt() < expected.members()
                    || s.path("unitReportsAccepted").asInt() < expected.unitReportsAccepted()
                    || s.path("memberReportsAccepted").asInt() < expected.memberReportsAccepted()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every district at once, in steps: the organisations a level of the tree at a time (a parent before its
     * children), then the members (a member's residence may be another district's community), then the reports.
     */
    void load(Parallel parallel) {
        Instant start = Instant.now();
        int depth = 0;
        for (List<Created> level = organisationsAt(depth); !level.isEmpty(); level = organisationsAt(++depth)) {
            parallel.forEach(level, this::createOrganisation);
        }
        for (DemoDistrict d : data.districts()) {
            out.printf("  %-10s %d organisations%n", d.id(), d.organisations().size());
        }
        parallel.forEach(data.districts().stream().flatMap(d -> d.members().stream().map(m -> new Registration(d, m)))
                .toList(), this::register);
        parallel.forEach(data.districts(), this::reports);
        crossDistrictReports();
        out.printf("demo data loaded in %d s: %s%n", Duration.between(start, Instant.now()).toSeconds(),
                data.districts().stream().map(DemoDistrict::id).toList());
    }

    /** An organisation of a district to create. */
    private record Created(DemoDistrict district, DemoOrganisation organisation) {
    }

    /** A member of a district to register (and place). */
    private record Registration(DemoDistrict district, DemoMember member) {
    }

    /** The organisations of every district {@code depth} levels below the district committee. */
    private List<Created> organisationsAt(int depth) {
        List<Created> level = new ArrayList<>();
        for (DemoDistrict d : data.districts()) {
            Map<String, DemoOrganisation> byCode = new HashMap<>();
            d.organisations().forEach(o -> byCode.put(o.code(), o));
            for (DemoOrganisation o : d.organisations()) {
                int own = 0;
                for (String parent = o.parentCode(); parent != null; parent = byCode.get(parent).parentCode()) {
                    own++;
                }
                if (own == depth) {
                    level.add(new Created(d, o));
                }
            }
        }
        return level;
    }

    private void createOrganisation(Created created) {
        DemoDistrict d = created.district();
        DemoOrganisation o = created.organisation();
        ServiceClient client = clients.get(d.id());
        Map<String, String> ids = organisationIds.computeIfAbsent(d.id(), k -> new ConcurrentHashMap<>());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", o.code());
        body.put("name", o.name());
        body.put("type", o.type().name());
        body.put("parentId", o.parentCode() == null ? null : ids.get(o.parentCode()));
        Response r = client.post("/organisations", body, "demo-org-" + d.id() + "-" + o.code());
        String id = r.success() ? r.text("id") : null;
        if (id == null && r.status() == 409) {
            // Created before without an idempotency record (e.g. the keys expired): find it by code.
            id = findOrganisation(client, o, body.get("parentId"));
        }
        if (id == null) {
            r.requireSuccess("create organisation " + o.code() + " " + o.name() + " in " + d.id());
        }
        ids.put(o.code(), id);
    }

    private static String findOrganisation(ServiceClient client, DemoOrganisation o, Object parentId) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("type", o.type().name());
        if (parentId != null) {
            query.put("parentId", parentId.toString());
        }
        return client.getAllOk("/organisations", query).stream().filter(item -> o.code().equals(item.path("code").asString()))
                .map(item -> item.path("id").asString()).findFirst().orElse(null);
    }

    private void register(Registration registration) {
        DemoDistrict d = registration.district();
        DemoMember m = registration.member();
        ServiceClient client = clients.get(d.id());
        Map<String, String> ids = organisationIds.get(d.id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", m.name());
        body.put("phone", m.phone());
        body.put("idNumber", m.idNumber());
        body.put("address", m.address());
        body.put("homeOrganisationId", ids.get(m.homeOrganisationCode()));
        body.put("residenceDistrict", m.residenceDistrict());
        body.put("residenceCommunityId", organisationIds.get(m.residenceDistrict()).get(m.residenceCommunityCode()));
        body.put("category", m.category().name());
        body.put("specialties", m.specialties());
        body.put("cadreRole", m.cadreRole() == null ? null : m.cadreRole().name());
        body.put("communityWorker", m.communityWorker());
        Response r = client.post("/members", body, "demo-member-" + m.key())
                .requireSuccess("create member " + m.key() + " (" + m.name() + ") in " + d.id());
        String id = Objects.requireNonNull(r.text("id"), "member without id: " + r.raw());
        memberIds.put(m.key(), id);
        if (m.placed() && m.residenceDistrict().equals(d.id())) {
            client.put("/placements/" + id, Map.of("partyGroupId", ids.get(m.partyGroupCode())))
                    .requireSuccess("place member " + m.key() + " in " + m.partyGroupCode());
        }
    }

    private void reports(DemoDistrict d) {
        ServiceClient client = clients.get(d.id());
        Map<String, String> ids = organisationIds.get(d.id());
        for (DemoUnitReport u : d.unitReports()) {
            Response r = client.post("/unit-reports",
                    Map.of("unitOrganisationId", ids.get(u.unitCode()), "communityId", ids.get(u.communityCode())),
                    "demo-unit-report-" + d.id() + "-" + u.unitCode())
                    .requireSuccess("unit report of " + u.unitCode() + " to " + u.communityCode());
            accept(client, "/unit-reports/", r);
        }
        int reports = 0;
        for (DemoMember m : d.members()) {
            if (m.reportsToResidence() && m.residenceDistrict().equals(d.id())) {
                Response r = client.post("/member-reports", memberReport(m, d.id()), "demo-member-report-" + m.key())
                        .requireSuccess("member report of " + m.key());
                accept(client, "/member-reports/", r);
                reports++;
            }
        }
        long placed = d.members().stream().filter(m -> m.placed() && m.residenceDistrict().equals(d.id())).count();
        out.printf("  %-10s %d members (%d placed), %d unit reports, %d member reports%n",
                d.id(), d.members().size(), placed, d.unitReports().size(), reports);
    }

    private Map<String, Object> memberReport(DemoMember m, String memberDistrict) {
        return Map.of("memberId", memberIds.get(m.key()), "memberDistrict", memberDistrict,
                "communityId", organisationIds.get(m.residenceDistrict()).get(m.residenceCommunityCode()));
    }

    /** Accepts a report unless a previous run already did (the replayed create shows its status). */
    private static void accept(ServiceClient client, String path, Response created) {
        if ("ACCEPTED".equals(created.text("status"))) {
            return;
        }
        Response r = client.post(path + created.text("id") + "/accept", Map.of(), null);
        if (r.status() == 409) {
            return; // decided already by an earlier, interrupted run
        }
        r.requireSuccess("accept " + path + created.text("id"));
    }

    /**
     * 双报到 across districts: the residence district knows a foreign member only once it has consumed
     * the member's events, so the report is retried until it is taken or {@link #CROSS_DISTRICT_WAIT} passes.
     */
    private void crossDistrictReports() {
        for (DemoDistrict home : data.districts()) {
            for (DemoMember m : home.members()) {
                if (!m.reportsToResidence() || m.residenceDistrict().equals(home.id())) {
                    continue;
                }
                ServiceClient residence = clients.get(m.residenceDistrict());
                Instant deadline = Instant.now().plus(CROSS_DISTRICT_WAIT);
                Response r = residence.post("/member-reports", memberReport(m, home.id()),
                        "demo-member-report-" + m.key());
                while (!r.success() && r.status() < 500 && Instant.now().isBefore(deadline)) {
                    pause();
                    r = residence.post("/member-reports", memberReport(m, home.id()), "demo-member-report-" + m.key());
                }
                if (!r.success()) {
                    out.printf("  WARNING: %s's member %s (%s) could not report to %s within %d s: %d %s%n",
                            home.id(), m.key(), m.name(), m.residenceDistrict(), CROSS_DISTRICT_WAIT.toSeconds(),
                            r.status(), r.problem());
                    continue;
                }
                accept(residence, "/member-reports/", r);
                if (m.placed()) {
                    Response placed = residence.put("/placements/" + memberIds.get(m.key()), Map.of("partyGroupId",
                            organisationIds.get(m.residenceDistrict()).get(m.partyGroupCode())));
                    if (!placed.success() && placed.status() != 409) { // 409: placed by an earlier, interrupted run
                        placed.requireSuccess("place " + m.key() + " in " + m.residenceDistrict());
                    }
                }
                out.printf("  %s member %s (%s) reported to %s community %s%n", home.id(), m.key(), m.name(),
                        m.residenceDistrict(), m.residenceCommunityCode());
            }
        }
    }

    /** Simple polling between retries of the cross-district report (no test library in a launcher). */
    static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public Map<String, String> organisationIds(String district) {
        return organisationIds.getOrDefault(district, Map.of());
    }
}
