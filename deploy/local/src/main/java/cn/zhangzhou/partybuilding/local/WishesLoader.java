package cn.zhangzhou.partybuilding.local;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import cn.zhangzhou.partybuilding.local.demo.DemoDataSet;
import cn.zhangzhou.partybuilding.local.demo.DemoMember;
import cn.zhangzhou.partybuilding.local.demo.DemoWish;
import cn.zhangzhou.partybuilding.local.demo.DemoWishState;
import cn.zhangzhou.partybuilding.local.demo.DemoWishes;
import cn.zhangzhou.partybuilding.platform.ServiceClient;
import cn.zhangzhou.partybuilding.platform.ServiceClient.Response;
import cn.zhangzhou.partybuilding.support.security.Role;
import tools.jackson.databind.JsonNode;

/**
 * Loads the wishes demo data ({@link DemoWishes}) into running wishes services through their REST API, as the
 * callers the lifecycle names: the community's staff post, publish and confirm, a member living in the
 * community claims, views the contact, contacts and fulfils. Creates and moves carry Idempotency-Keys, and each
 * wish is taken on from the state the service reports, so an interrupted run can simply be repeated.
 * <p>
 * The wishes service knows communities and members only from the district's membership events; the loader
 * therefore waits (bounded) until the service knows every community it posts to and retries a claim refused
 * because the claimer is not known yet. A replayed year moves the service's dev-only replay clock (decision
 * 0010) before each move and returns it to real time at the end.
 */
public final class WishesLoader {

    static final Duration KNOWLEDGE_WAIT = Duration.ofSeconds(120);

    /** Service lifecycle states in order; other states (sent back, cancelled, ...) are not demo states. */
    private static final List<String> ORDER = List.of("POSTED", "PUBLISHED", "CLAIMED", "CONTACTED", "FULFILLED",
            "CONFIRMED");

    /** The calls the loader needs of one district. */
    public record District(String id, ServiceClient membership, ServiceClient wishes,
                           Function<Caller, String> tokens) {
    }

    /** A token request: the role and the organisation or member it acts for. */
    public record Caller(Role role, UUID org, UUID member) {
    }

    /** The district's system: staff-level moves, reads and the replay clock. */
    private static final Caller SYSTEM = new Caller(Role.DISTRICT_SYSTEM, null, null);

    private final Duration knowledgeWait;
    private final DemoDataSet data;
    private final Map<String, List<DemoWish>> wishes;
    private final Map<String, District> districts;
    private final PrintStream out;
    /** wish key → the beneficiary its posting created, for the later wishes of the same person. */
    private final Map<String, UUID> beneficiaries = new ConcurrentHashMap<>();
    /** district → organisation code → UUID, read back from membership. */
    private final Map<String, Map<String, UUID>> organisations = new HashMap<>();

    public WishesLoader(DemoDataSet data, Map<String, District> districts, PrintStream out) {
        this(data, districts, out, KNOWLEDGE_WAIT);
    }

    /** @param knowledgeWait how long to wait for the wishes service to learn a community or member from events */
    WishesLoader(DemoDataSet data, Map<String, District> districts, PrintStream out, Duration knowledgeWait) {
        this.knowledgeWait = knowledgeWait;
        this.data = data;
        this.wishes = DemoWishes.generate(data);
        this.districts = districts;
        this.out = out;
    }

    public DemoDataSet data() {
        return data;
    }

    public Map<String, List<DemoWish>> wishes() {
        return wishes;
    }

    /** Organisation code → UUID of a district, as membership assigned them (read once, then cached). */
    public synchronized Map<String, UUID> organisations(String district) {
        return organisations.computeIfAbsent(district, d -> {
            Map<String, UUID> ids = new LinkedHashMap<>();
            for (JsonNode item : districts.get(d).membership().getAllOk("/organisations", Map.of())) {
                ids.put(item.path("code").asString(), UUID.fromString(item.path("id").asString()));
            }
            return ids;
        });
    }

    /** True when every district's wishes are there: each community's count, or the replayed year's report. */
    public boolean alreadyLoaded() {
        for (Map.Entry<String, List<DemoWish>> e : wishes.entrySet()) {
            String d = e.getKey();
            Map<String, Long> perCommunity = new LinkedHashMap<>();
            e.getValue().forEach(w -> perCommunity.merge(w.communityCode(), 1L, Long::sum));
            for (Map.Entry<String, Long> c : perCommunity.entrySet()) {
                UUID community = organisations(d).get(c.getKey());
                if (community == null) {
                    return false;
                }
                Response r = call(d, SYSTEM)
                        .get("/wishes", Map.of("communityId", community.toString(), "size", "1"));
                if (!r.success() || r.body().path("totalItems").asLong() < c.getValue()) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The communities' wishes at once, each community's in order (its claimer's open claims stay within the service's
     * limit); a replayed year is one community's, in order too, and its clock returns to real time at the end, also
     * when loading failed.
     */
    void load(Parallel parallel) {
        Instant start = Instant.now();
        Map<UUID, List<DemoWish>> byCommunity = new LinkedHashMap<>();
        Map<UUID, String> districtOf = new HashMap<>();
        Map<String, AtomicInteger> communitiesLeft = new HashMap<>();
        // The replayed year first: its one long sequence of moves must not be the last to start.
        for (String d : wishes.keySet().stream().sorted(Comparator.comparing(d -> !replays(d))).toList()) {
            for (DemoWish w : wishes.get(d)) {
                UUID community = organisations(d).get(w.communityCode());
                byCommunity.computeIfAbsent(community, c -> new ArrayList<>()).add(w);
                districtOf.put(community, d);
            }
        }
        districtOf.values().forEach(d -> communitiesLeft.computeIfAbsent(d, k -> new AtomicInteger()).incrementAndGet());
        try {
            parallel.forEach(byCommunity.keySet(), c -> {
                String d = districtOf.get(c);
                loadCommunity(d, byCommunity.get(c));
                if (communitiesLeft.get(d).decrementAndGet() == 0) {
                    finished(d, start);
                }
            });
        } finally {
            wishes.keySet().stream().filter(this::replays).forEach(d -> clock(d, null));
        }
        out.printf("wishes demo data loaded in %d s: %s%n", Duration.between(start, Instant.now()).toSeconds(),
                wishes.keySet());
    }

    private void finished(String d, Instant start) {
        out.printf("  %-10s %d wishes %s%s in %d s%n", d, wishes.get(d).size(), DemoWishes.countByState(wishes.get(d)),
                replays(d) ? " (replayed " + DemoWishes.REPLAY_YEAR + ")" : "",
                Duration.between(start, Instant.now()).toSeconds());
    }

    private boolean replays(String district) {
        return wishes.get(district).stream().anyMatch(w -> w.replay() != null);
    }

    private void loadCommunity(String d, List<DemoWish> list) {
        Map<String, UUID> orgs = organisations(d);
        awaitKnownOrganisations(d, list, orgs);
        Map<String, UUID> members = memberIds(d, list);
        for (DemoWish w : list) {
            load(d, w, orgs, members);
        }
    }

    private void load(String d, DemoWish w, Map<String, UUID> orgs, Map<String, UUID> members) {
        UUID community = orgs.get(w.communityCode());
        // The district system does the staff's moves: one token per district (client credentials), no staff sign-ins.
        ServiceClient staff = call(d, SYSTEM);
        DemoWish.Replay replay = w.replay();
        if (replay != null) {
            clock(d, replay.posted());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("communityId", community);
        body.put("gridId", w.gridCode() == null ? null : orgs.get(w.gridCode()));
        body.put("category", w.category().name());
        body.put("description", w.description());
        body.put("estimatedValueYuan", w.estimatedValueYuan());
        if (w.beneficiary() != null) {
            body.put("beneficiary", Map.of("name", w.beneficiary().name(), "phone", w.beneficiary().phone(),
                    "address", w.beneficiary().address()));
        } else {
            body.put("beneficiaryId", beneficiaries.get(w.sameBeneficiaryAs()));
        }
        Response posted = staff.post("/wishes", body, "demo-wish-" + w.key())
                .requireSuccess("post wish " + w.key() + " in " + d);
        String id = posted.text("id");
        beneficiaries.put(w.key(), UUID.fromString(posted.text("beneficiaryId")));
        // A replayed post shows the wish as it was posted: an earlier run may have moved it on since.
        JsonNode wish = posted.replayed() ? staff.getOk("/wishes/" + id, Map.of()) : posted.body();
        String status = wish.path("status").asString();
        ServiceClient claimer = w.claimerKey() == null ? null
                : call(d, new Caller(Role.MEMBER, null, members.get(w.claimerKey())));
        while (rank(w, status) < w.state().ordinal()) {
            String step = "wish " + w.key() + " (" + status + ") in " + d;
            switch (status) {
                case "POSTED" -> staff.post("/wishes/" + id + "/publish", Map.of("version", wish.path("version").asLong()),
                        "demo-wish-" + w.key() + "-publish").requireSuccess("publish " + step);
                case "PUBLISHED" -> {
                    if (replay != null) {
                        clock(d, replay.claimed());
                    }
                    claim(d, w, id, claimer);
                }
                case "CLAIMED" -> {
                    claimer.getOk("/wishes/" + id + "/contact", Map.of());
                    claimer.post("/wishes/" + id + "/contacted", Map.of(), "demo-wish-" + w.key() + "-contacted")
                            .requireSuccess("record contact of " + step);
                }
                case "CONTACTED" -> {
                    if (replay != null) {
                        clock(d, replay.fulfilled());
                    }
                    claimer.post("/wishes/" + id + "/fulfilment", Map.of("note", "已完成：" + w.description()),
                            "demo-wish-" + w.key() + "-fulfilment").requireSuccess("fulfil " + step);
                }
                case "FULFILLED" -> {
                    if (replay != null) {
                        clock(d, replay.confirmed());
                    }
                    // The claimer's moves raised the version; confirm with the one the wish has now.
                    long version = staff.getOk("/wishes/" + id, Map.of()).path("version").asLong();
                    staff.post("/wishes/" + id + "/confirm", Map.of("version", version),
                            "demo-wish-" + w.key() + "-confirm").requireSuccess("confirm " + step);
                }
                default -> throw new IllegalStateException(step + " is in a state the demo does not lead to");
            }
            // Each move answered 2xx, so the wish is in the next state (the service checks every transition).
            status = ORDER.get(ORDER.indexOf(status) + 1);
        }
    }

    /** The service's own yearly report of an organisation (as the district admin). */
    public JsonNode report(String d, UUID organisation, int year) {
        return call(d, SYSTEM).getOk("/reports/wishes",
                Map.of("organisationId", organisation.toString(), "year", String.valueOf(year)));
    }

    private static int rank(DemoWish w, String status) {
        int i = ORDER.indexOf(status);
        if (i < 0) {
            throw new IllegalStateException("demo wish " + w.key() + " is " + status + ", a state the demo does not lead to");
        }
        return i;
    }

    /** Claims as the member; a 403 while the service has not yet heard of the member (Kafka) is retried. */
    private void claim(String d, DemoWish w, String id, ServiceClient claimer) {
        Instant deadline = Instant.now().plus(knowledgeWait);
        while (true) {
            Response r = claimer.post("/wishes/" + id + "/claim", Map.of(), "demo-wish-" + w.key() + "-claim");
            if (r.success()) {
                return;
            }
            if (r.status() != 403 || Instant.now().isAfter(deadline)) {
                throw new ServiceClient.ApiException("claim of demo wish " + w.key() + " in " + d + " by member "
                        + w.claimerKey() + " answered " + r.status() + " " + r.problem()
                        + (r.status() == 403 ? " for " + knowledgeWait.toSeconds() + " s: wishes-" + d
                        + " has not learnt of the member from " + d + ".membership.events (see its log)" : ""));
            }
            DemoLoader.pause();
        }
    }

    /** Polls the report of each community and grid used (404 while unknown) until the service knows them all. */
    private void awaitKnownOrganisations(String d, List<DemoWish> list, Map<String, UUID> orgs) {
        Set<String> codes = new LinkedHashSet<>();
        for (DemoWish w : list) {
            codes.add(w.communityCode());
            if (w.gridCode() != null) {
                codes.add(w.gridCode());
            }
        }
        ServiceClient admin = call(d, SYSTEM);
        String year = String.valueOf(LocalDate.now().getYear());
        Instant deadline = Instant.now().plus(knowledgeWait);
        for (String code : codes) {
            UUID id = orgs.get(code);
            if (id == null) {
                throw new IllegalStateException("membership-" + d + " has no organisation " + code
                        + "; the membership demo data is not loaded");
            }
            Response r = admin.get("/reports/wishes", Map.of("organisationId", id.toString(), "year", year));
            while (r.status() == 404 && Instant.now().isBefore(deadline)) {
                DemoLoader.pause();
                r = admin.get("/reports/wishes", Map.of("organisationId", id.toString(), "year", year));
            }
            if (!r.success()) {
                throw new IllegalStateException("wishes-" + d + " does not know organisation " + code + " (" + id
                        + ") after " + knowledgeWait.toSeconds() + " s: " + r.status() + " " + r.problem()
                        + "; it learns organisations from " + d + ".membership.events (see its log)");
            }
        }
    }

    /** The claimers' UUIDs. */
    private Map<String, UUID> memberIds(String d, List<DemoWish> list) {
        Map<String, UUID> ids = new HashMap<>();
        for (DemoWish w : list) {
            if (w.claimerKey() != null) {
                ids.computeIfAbsent(w.claimerKey(), key -> memberId(d, key));
            }
        }
        return ids;
    }

    /** A demo member's UUID, found in membership by name and matched on the ID number. */
    public UUID memberId(String d, String key) {
        DemoMember m = data.district(d).members().stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow();
        for (JsonNode item : districts.get(d).membership().getOk("/members", Map.of("name", m.name(), "size", "200"))
                .path("items")) {
            if (m.idNumber().equals(item.path("idNumber").asString())) {
                return UUID.fromString(item.path("id").asString());
            }
        }
        throw new IllegalStateException("membership-" + d + " has no member " + key + " (" + m.name()
                + "); the membership demo data is not loaded");
    }

    private void clock(String d, Instant to) {
        Map<String, Object> body = new HashMap<>();
        body.put("instant", to == null ? null : to.toString());
        call(d, SYSTEM).put("/dev/clock", body)
                .requireSuccess("move the replay clock of wishes-" + d + " to " + (to == null ? "real time" : to)
                        + " (the deployment needs ZZ_WISHES_REPLAY_CLOCK=true)");
    }

    private ServiceClient call(String d, Caller caller) {
        District district = districts.get(d);
        return district.wishes().as(() -> district.tokens().apply(caller));
    }
}
