package cn.zhangzhou.partybuilding.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.events.wishes.WishesEvents;
import cn.zhangzhou.partybuilding.faults.History.Command;
import cn.zhangzhou.partybuilding.faults.History.Kind;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Holds the system to the history, once the faults are over and the platform has caught up: every acknowledged
 * command is in its service's rows, on Kafka and in every projection of it, exactly once.
 * <ul>
 *   <li>rows: one row per Idempotency-Key (the key is in the member's name, the wish's description), with the id and
 *       state acknowledged; none for a command that was refused;</li>
 *   <li>events, per aggregate of the run's topics: every version from 1 to the last, one event ({@code ce_id}) per
 *       version, and every copy, redeliveries included, in version order; each acknowledged command's event there;
 *       redelivered copies of an event are counted, not failed;</li>
 *   <li>projections: each acknowledged member in wishes' directory of its district and in membership's directory of
 *       every other district.</li>
 * </ul>
 */
final class Checker {

    /** What was counted; the run passes when every "bad" count is 0. */
    static final class Verdict {
        final Map<String, Long> counts = new LinkedHashMap<>();
        final List<String> problems = new ArrayList<>();

        void count(String what, long n) {
            counts.merge(what, n, Long::sum);
        }

        void problem(String what, String example) {
            count(what, 1);
            if (problems.size() < 30) {
                problems.add(what + ": " + example);
            }
        }

        long get(String what) {
            return counts.getOrDefault(what, 0L);
        }

        /** Lost or applied twice, anywhere. */
        long bad() {
            return counts.entrySet().stream().filter(e -> e.getKey().startsWith("BAD")).mapToLong(Map.Entry::getValue)
                    .sum();
        }
    }

    static final String LOST_ROW = "BAD lost: acknowledged, no row";
    static final String DOUBLE_ROW = "BAD applied twice: rows for one key";
    static final String REFUSED_APPLIED = "BAD refused but applied";
    static final String LOST_EVENT = "BAD lost: acknowledged, no event";
    static final String DOUBLE_EVENT = "BAD applied twice: events for one version";
    static final String GAP = "BAD aggregate with a missing version";
    static final String DISORDER = "BAD aggregate out of version order";
    static final String LOST_PROJECTION = "BAD lost: not in a projection";
    /** The services whose membership directory must hold every member registered (membership keeps its own). */
    static final List<PlatformService> DIRECTORIES = List.of(PlatformService.WISHES, PlatformService.VOLUNTEERING,
            PlatformService.EVALUATION);
    static final String UNKNOWN = "BAD never answered";
    static final String BLOCKED = "BAD key blocked (409 in progress) longer than a live request can run";
    /**
     * The longest a live keyed request can hold its key: waiting 30 s for a database connection (Hikari's default)
     * and then running. A key answered "in progress" for longer was blocked by a request that no longer runs.
     */
    static final long LIVE_REQUEST_MILLIS = 35_000;

    private final Platform platform;
    private final List<String> districts;

    Checker(Platform platform, List<String> districts) {
        this.platform = platform;
        this.districts = districts;
    }

    Verdict check(History history, String run) throws SQLException {
        Verdict verdict = new Verdict();
        for (Kind kind : Kind.values()) {
            verdict.count("acknowledged " + kind, history.acknowledged(kind).size());
            verdict.count("refused " + kind, history.count(c -> c.kind() == kind && !c.acknowledged() && !c.unknown()));
        }
        history.all().stream().filter(Command::unknown).forEach(c -> verdict.problem(UNKNOWN, c.kind() + " " + c.key()));
        verdict.count("retried commands", history.count(c -> c.attempts() > 1));
        verdict.count("keys answered 409 in progress", history.count(c -> c.blockedMillis() > 0));
        verdict.count("longest a key answered 409 in progress (ms)",
                history.all().stream().mapToLong(Command::blockedMillis).max().orElse(0));
        history.all().stream().filter(c -> c.blockedMillis() > LIVE_REQUEST_MILLIS)
                .forEach(c -> verdict.problem(BLOCKED, c.kind() + " " + c.key() + " " + c.blockedMillis() + " ms"));
        for (String district : districts) {
            List<Command> mine = history.all().stream().filter(c -> c.district().equals(district)).toList();
            rows(verdict, district, mine, run);
            events(verdict, district, mine);
            projections(verdict, district, mine);
        }
        return verdict;
    }

    private void rows(Verdict verdict, String district, List<Command> commands, String run) throws SQLException {
        Map<String, List<String[]>> members = byKey(PlatformService.MEMBERSHIP, district,
                "select name, id::text, version::text, status from member where name like ?", "故障 " + run + "-%",
                "故障 ");
        Map<String, List<String[]>> wishes = !platform.runs(PlatformService.WISHES, district) ? Map.of()
                : byKey(PlatformService.WISHES, district,
                        "select description, id::text, version::text, status from wish where description like ?",
                        "故障微心愿 " + run + "-%", "故障微心愿 ");
        Map<String, String[]> wishById = new HashMap<>();
        wishes.values().forEach(rows -> rows.forEach(r -> wishById.put(r[1], r)));
        for (Command c : commands) {
            switch (c.kind()) {
                case REGISTER_MEMBER -> keyed(verdict, c, members.get(c.key()));
                case POST_WISH -> keyed(verdict, c, wishes.get(c.key().substring(0, c.key().length() - "-wish".length())));
                case PUBLISH_WISH -> {
                    // The answer of a publish is the wish, now PUBLISHED; nothing in the run moves it further.
                    String[] wish = c.id() == null ? null : wishById.get(c.id());
                    if (c.acknowledged() && (wish == null || !"PUBLISHED".equals(wish[3]))) {
                        verdict.problem(LOST_ROW, c.kind() + " " + c.key() + " of " + c.id());
                    }
                }
                default -> throw new IllegalArgumentException(c.kind().name());
            }
        }
        verdict.count("member rows checked", members.size());
        verdict.count("wish rows checked", wishes.size());
    }

    private static void keyed(Verdict verdict, Command c, List<String[]> rows) {
        int n = rows == null ? 0 : rows.size();
        if (n > 1) {
            verdict.problem(DOUBLE_ROW, c.kind() + " " + c.key() + " has " + n + " rows");
        }
        if (c.acknowledged() && (n == 0 || rows.stream().noneMatch(r -> r[1].equals(c.id())))) {
            verdict.problem(LOST_ROW, c.kind() + " " + c.key() + " acknowledged as " + c.id());
        }
        if (!c.acknowledged() && !c.unknown() && n > 0) {
            verdict.problem(REFUSED_APPLIED, c.kind() + " " + c.key() + " answered " + c.status());
        }
    }

    /** Rows of a service's table keyed by the Idempotency-Key in a text column ({@code prefix<key>}). */
    private Map<String, List<String[]>> byKey(PlatformService service, String district, String sql, String like,
                                              String prefix) throws SQLException {
        Map<String, List<String[]>> rows = new HashMap<>();
        try (Connection c = platform.database(service.in(district).database().orElseThrow());
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, like);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1).substring(prefix.length());
                    rows.computeIfAbsent(key, k -> new ArrayList<>())
                            .add(new String[] {key, rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
        }
        return rows;
    }

    private void events(Verdict verdict, String district, List<Command> commands) {
        Map<String, Aggregate> aggregates = new HashMap<>();
        for (PlatformService service : List.of(PlatformService.MEMBERSHIP, PlatformService.WISHES)) {
            if (!platform.runs(service, district)) {
                continue;
            }
            List<ConsumerRecord<String, byte[]>> records = Topic.readAll(platform.kafka.directBootstrap(),
                    Topics.events(district, service.id()));
            verdict.count("event records read", records.size());
            for (ConsumerRecord<String, byte[]> r : records) {
                aggregates.computeIfAbsent(r.key(), k -> new Aggregate()).add(r);
            }
        }
        for (Map.Entry<String, Aggregate> entry : aggregates.entrySet()) {
            Aggregate a = entry.getValue();
            verdict.count("redelivered copies", a.copies);
            if (a.versions.values().stream().anyMatch(ids -> ids.size() > 1)) {
                verdict.problem(DOUBLE_EVENT, entry.getKey() + " " + a.versions);
            }
            if (a.versions.size() != a.versions.lastKey() || a.versions.firstKey() != 1) {
                verdict.problem(GAP, entry.getKey() + " has versions " + a.versions.keySet());
            }
            if (!a.ordered) {
                verdict.problem(DISORDER, entry.getKey() + " arrived as " + a.arrivals);
            }
        }
        verdict.count("aggregates checked", aggregates.size());
        for (Command c : commands) {
            if (!c.acknowledged()) {
                continue;
            }
            String type = switch (c.kind()) {
                case REGISTER_MEMBER -> MembershipEvents.MEMBER_REGISTERED.ceType();
                case POST_WISH -> WishesEvents.WISH_POSTED.ceType();
                case PUBLISH_WISH -> WishesEvents.WISH_PUBLISHED.ceType();
            };
            Aggregate a = aggregates.get(c.id());
            long events = a == null ? 0 : a.types.getOrDefault(type, Set.of()).size();
            if (events == 0) {
                verdict.problem(LOST_EVENT, c.kind() + " " + c.key() + " (" + c.id() + ")");
            } else if (events > 1) {
                verdict.problem(DOUBLE_EVENT, c.kind() + " " + c.key() + ": " + events + " " + type);
            }
        }
    }

    /** One aggregate's records on its topic: its versions and their events, and the order they arrived in. */
    private static final class Aggregate {
        final TreeMap<Long, Set<String>> versions = new TreeMap<>();
        final Map<String, Set<String>> types = new HashMap<>();
        final Set<String> ids = new HashSet<>();
        final List<Long> arrivals = new ArrayList<>();
        long copies;
        boolean ordered = true;

        void add(ConsumerRecord<String, byte[]> r) {
            String id = Topic.header(r, EventEnvelope.H_ID);
            long version = Long.parseLong(Topic.header(r, EventEnvelope.H_AGGREGATE_VERSION));
            if (!arrivals.isEmpty() && version < arrivals.get(arrivals.size() - 1)) {
                ordered = false;
            }
            arrivals.add(version);
            if (!ids.add(id)) {
                copies++;
            }
            versions.computeIfAbsent(version, v -> new HashSet<>()).add(id);
            types.computeIfAbsent(Topic.header(r, EventEnvelope.H_TYPE), t -> new HashSet<>()).add(id);
        }
    }

    private void projections(Verdict verdict, String district, List<Command> commands) throws SQLException {
        List<String> members = commands.stream()
                .filter(c -> c.kind() == Kind.REGISTER_MEMBER && c.acknowledged()).map(Command::id).toList();
        for (PlatformService consumer : DIRECTORIES) {
            if (!platform.runs(consumer, district)) {
                continue;
            }
            Set<String> known = ids(consumer, district, "select member_id::text from directory.member");
            members.stream().filter(id -> !known.contains(id)).forEach(id -> verdict.problem(LOST_PROJECTION,
                    "member " + id + " not in " + consumer.id() + "-" + district));
            verdict.count("projection rows checked", members.size());
        }
        // Evaluation's outcomes consumer (a batch listener deciding by version alone, decision 0028): every wish
        // posted is a row of its own, none lost.
        if (platform.runs(PlatformService.EVALUATION, district)) {
            Set<String> wishes = ids(PlatformService.EVALUATION, district, "select wish_id::text from wish");
            List<String> posted = commands.stream()
                    .filter(c -> c.kind() == Kind.POST_WISH && c.acknowledged()).map(Command::id).toList();
            posted.stream().filter(id -> !wishes.contains(id)).forEach(id -> verdict.problem(LOST_PROJECTION,
                    "wish " + id + " not in evaluation-" + district + "'s outcomes"));
            verdict.count("projection rows checked", posted.size());
        }
        for (String other : districts) {
            if (!other.equals(district)) {
                Set<String> known = ids(PlatformService.MEMBERSHIP, other, "select id::text from external_member");
                members.stream().filter(id -> !known.contains(id)).forEach(id -> verdict.problem(LOST_PROJECTION,
                        "member " + id + " of " + district + " not in membership-" + other));
                verdict.count("projection rows checked", members.size());
            }
        }
    }

    private Set<String> ids(PlatformService service, String district, String sql) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection c = platform.database(service.in(district).database().orElseThrow());
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
