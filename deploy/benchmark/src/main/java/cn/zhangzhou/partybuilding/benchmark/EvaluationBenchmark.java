package cn.zhangzhou.partybuilding.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;

import cn.zhangzhou.partybuilding.embedded.PostgresServer;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.platform.ServiceClient;
import cn.zhangzhou.partybuilding.platform.ServiceProcess;
import cn.zhangzhou.partybuilding.support.security.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * The evaluation service (issue 14): first a district's year of evaluation-relevant events replayed into its
 * projections — published on the district's topics before the service starts, then read by its outcomes consumer from
 * the beginning (events/s) — and every score of the district recomputed from them (a COMMUNITY and a STREET round
 * closed); then ratings under many concurrent raters on one round, residents with one-time codes and members with
 * their own tokens, against the bare transactions of the same writes, with the CPU per command, and the check that
 * exactly one rating counted per code or member. Run: {@code java -jar deploy/benchmark/target/benchmark.jar
 * evaluation}; results in docs/performance.md.
 */
@Command(name = "evaluation", mixinStandardHelpOptions = true, description = "A district's year of events replayed "
        + "into the evaluation projections and every score recomputed, then ratings by many raters at once against "
        + "their ceilings, with the duplicates refused.")
final class EvaluationBenchmark extends Mode {

    static final int STREETS = 9;
    static final int COMMUNITIES_PER_STREET = 6;
    static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(15);
    /** The outcomes consumer's group in the benchmark's district ({@code <spring.kafka.consumer.group-id>-outcomes}). */
    static final String OUTCOMES_GROUP = "evaluation-" + Bench.DISTRICT + "-outcomes";

    @Option(names = "--events", paramLabel = "N", defaultValue = "100000",
            description = "outcome events of the replayed year (default ${DEFAULT-VALUE})")
    int outcomes;

    @Option(names = "--members", paramLabel = "N", defaultValue = "20000",
            description = "members living in the rated community, each rating once (default ${DEFAULT-VALUE})")
    int members;

    @Option(names = "--codes", paramLabel = "N", defaultValue = "100000",
            description = "residents' codes issued for the rated community (default ${DEFAULT-VALUE})")
    int codes;

    @Option(names = "--duplicates", paramLabel = "N", defaultValue = "100",
            description = "codes and members each sent by 8 clients at once, then again (default ${DEFAULT-VALUE})")
    int duplicates;

    @Option(names = "--outcome-consumers", paramLabel = "N",
            description = "consumers of the outcomes listener (zz.evaluation.outcome-consumers; default: the service's)")
    Integer outcomeConsumers;

    /** What the last {@link #measure} found, for its test. */
    Replay replay;
    List<RatingLoad.Duplicates> checks;
    Counted counted;

    @Override
    List<Integer> defaultLevels() {
        return List.of(8, 16);
    }

    /** The replay: how many events, how fast the consumer applied them, how long the closes took. */
    record Replay(long events, double seconds, ProcessCpu.PerCommand cpu, Map<EvaluationYear.Kind, Long> published,
                  Map<EvaluationYear.Kind, Long> counted, double communityCloseSeconds, double streetCloseSeconds,
                  int communitiesScored) {
        double perSecond() {
            return events / seconds;
        }
    }

    /** The replay's time, and its CPU per event over the same window. */
    record Applied(double seconds, ProcessCpu.PerCommand cpu) {
    }

    /** One rating path at one level, beside its ceiling. */
    record Level(RatingLoad.Run run, ProcessCpu.PerCommand cpu, Ceiling.Run ceiling, ProcessCpu.PerCommand ceilingCpu) {
        double ratio() {
            return run.perSecond() / ceiling.perSecond();
        }

        CpuCost cost() {
            return new CpuCost(run.path(), run.clients() + " clients", run.perSecond(), cpu, ceilingCpu);
        }
    }

    /** What the database holds after all the ratings: rating rows per component, used codes, members who rated. */
    record Counted(long residentRatings, long usedCodes, long memberRatings, long membersRated) {
    }

    @Override
    void measure(Machine machine) throws Exception {
        int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() - 1;
        out.printf("publishing a district's year %d: %d streets × %d communities, %d members, %d outcome events ...%n",
                year, STREETS, COMMUNITIES_PER_STREET, members, outcomes);
        EvaluationYear.Published year0 = new EvaluationYear(Bench.DISTRICT, year).publish(bench.kafka.bootstrapServers(),
                STREETS, COMMUNITIES_PER_STREET, members, outcomes);
        out.printf("published %d events; starting the service, whose outcomes consumer reads them from the start ...%n",
                year0.events());
        ServiceProcess service = bench.startService(PlatformService.EVALUATION, outcomeConsumers == null ? Map.of()
                : Map.of("ZZ_EVALUATION_OUTCOME_CONSUMERS", outcomeConsumers.toString()));
        String db = bench.database(PlatformService.EVALUATION);
        Applied applied = awaitApplied(year0.events(), new ProcessCpu(service.pid(), bench.postgres.dataDir()));
        ServiceClient admin = new ServiceClient("http://127.0.0.1:" + service.port(),
                () -> bench.token("benchmark-admin", Role.DISTRICT_ADMIN, null, null));
        replay = recompute(admin, year0, year, applied);
        out.println(String.format(Locale.ROOT, "replay: %d events in %.1f s, %.0f events/s; CPU ms per event: service "
                        + "%.4f, PostgreSQL %.4f, broker %.4f, machine %.4f (of %.4f on %d cores); counted %s of %s; "
                        + "COMMUNITY round of %d communities closed in %.2f s, STREET round in %.2f s",
                replay.events(), replay.seconds(), replay.perSecond(), replay.cpu().service(), replay.cpu().postgres(),
                replay.cpu().broker(), replay.cpu().machine(), machine.cpus() * 1000 / replay.perSecond(),
                machine.cpus(), replay.counted(), replay.published(), replay.communitiesScored(),
                replay.communityCloseSeconds(), replay.streetCloseSeconds()));

        UUID community = year0.communities().get(0);
        awaitRows(db, "select count(*) from directory.member where residence_community_id = '" + community + "'",
                members);
        UUID round = openRatingsRound(admin, year + 1);
        out.printf("signing %d members' tokens and issuing %d residents' codes ...%n", members, codes);
        List<String> tokens = new ArrayList<>();
        for (UUID member : year0.members()) {
            tokens.add(bench.token("member-" + member, Role.MEMBER, null, member));
        }
        String adminToken = bench.token("benchmark-admin", Role.DISTRICT_ADMIN, null, null);
        RatingLoad load = new RatingLoad(Bench.loadClient(), service.port(), adminToken, round, community, tokens);
        Queue<String> codePool = new ConcurrentLinkedQueue<>(load.issueCodes(codes));
        Queue<Integer> memberPool = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < members; i++) {
            memberPool.add(i);
        }
        // Set aside for the duplicates check: fresh codes and members, each sent by 8 clients at once.
        List<String> contestedCodes = new ArrayList<>();
        List<Integer> contestedMembers = new ArrayList<>();
        for (int i = 0; i < duplicates; i++) {
            contestedCodes.add(codePool.poll());
            contestedMembers.add(memberPool.poll());
        }

        ProcessCpu cpu = new ProcessCpu(service.pid(), bench.postgres.dataDir());
        RatingCeiling ceiling = new RatingCeiling(bench.postgres.ensureDatabase("bench_rating_ceiling"),
                PostgresServer.USER, bench.jar(PlatformService.EVALUATION));
        Queue<String> ceilingCodes = ceiling.codes(codes);
        Queue<UUID> ceilingMembers = RatingCeiling.freshMembers(members * 4);

        out.printf("warming up the service for %d s (residents' ratings; 8 clients) ...%n",
                options.jitWarmup().toSeconds());
        load.residents(8, options.jitWarmup(), codePool);
        // The members' path has code of its own to compile (each member's token verified, the member binding's and
        // the directory's queries): a profile of its level after the residents' warm-up alone found C2 in 15 % of the
        // service's samples. It is warmed up as long, on a round of its own, so the rated round's members stay fresh.
        UUID warmUpRound = openRatingsRound(admin, year + 2);
        out.printf("warming up the service for %d s (members' ratings on another round; 8 clients) ...%n",
                options.jitWarmup().toSeconds());
        new RatingLoad(Bench.loadClient(), service.port(), adminToken, warmUpRound, community, tokens)
                .members(8, options.jitWarmup(), new ConcurrentLinkedQueue<>(memberPool));
        ceiling.residents(4, options.warmup(), ceilingCodes);
        List<Level> levels = new ArrayList<>();
        for (int clients : levels()) {
            levels.add(level(cpu, d -> load.residents(clients, d, codePool),
                    d -> ceiling.residents(clients, d, ceilingCodes)));
            levels.add(level(cpu, d -> load.members(clients, d, memberPool),
                    d -> ceiling.members(clients, d, ceilingMembers)));
            if (!service.isAlive()) {
                throw new IllegalStateException("the service died; log tail:\n" + service.tail(40));
            }
        }

        checks = List.of(load.residentsAgain(contestedCodes, 8),
                load.residentsAgain(contestedCodes, 1), load.membersAgain(contestedMembers, 8),
                load.membersAgain(contestedMembers, 1));
        checks.forEach(d -> out.println(d));
        counted = counted(db, round);
        report(machine, levels, codes - codePool.size(), members - memberPool.size());
    }

    /** A COMMUNITY round of the year rated by members and residents only, half each. */
    private static UUID openRatingsRound(ServiceClient admin, int year) {
        return UUID.fromString(admin.post("/rounds", Map.of("year", year, "level", "COMMUNITY", "weights",
                Map.of("self", 0, "mutual", 0, "assessment", 0, "members", 50, "residents", 50, "objective", 0)), null)
                .requireSuccess("open a COMMUNITY round of " + year).text("id"));
    }

    /** A load of the duration given. */
    @FunctionalInterface
    private interface Timed<R> {
        R run(Duration duration) throws InterruptedException, SQLException;
    }

    /** The path and then its bare transaction, each warmed up, then measured with the CPU it took. */
    private Level level(ProcessCpu cpu, Timed<RatingLoad.Run> path, Timed<Ceiling.Run> bare)
            throws InterruptedException, SQLException {
        path.run(options.warmup());
        ProcessCpu.Snapshot before = cpu.snapshot();
        RatingLoad.Run run = path.run(options.duration());
        ProcessCpu.PerCommand pathCpu = ProcessCpu.PerCommand.between(before, cpu.snapshot(), run.nanos().getTotalCount());
        bare.run(options.warmup());
        before = cpu.snapshot();
        Ceiling.Run ceiling = bare.run(options.duration());
        return print(new Level(run, pathCpu, ceiling,
                ProcessCpu.PerCommand.between(before, cpu.snapshot(), ceiling.transactions())));
    }

    /**
     * Polls the outcomes group's committed offsets until they cover every event; the seconds from the first to the
     * last, and the CPU per event the processes spent between those two polls.
     */
    private Applied awaitApplied(long events, ProcessCpu cpu) throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + REPLAY_TIMEOUT.toNanos();
        long firstNanos = 0;
        long firstCount = 0;
        ProcessCpu.Snapshot first = null;
        long n = 0;
        // The group's committed offsets, not a count of its processed_event rows: counting a table of hundreds of
        // thousands of rows ten times a second took a good part of the PostgreSQL CPU the replay was measuring.
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bench.kafka.bootstrapServers()))) {
            while (System.nanoTime() < deadline) {
                n = CityBenchmark.committed(admin, OUTCOMES_GROUP);
                if (n > 0 && firstNanos == 0) {
                    firstNanos = System.nanoTime();
                    firstCount = n;
                    first = cpu.snapshot();
                }
                if (n >= events) {
                    // The events applied between the first and the last poll, over that time (the start is not timed).
                    ProcessCpu.PerCommand perEvent = ProcessCpu.PerCommand.between(first, cpu.snapshot(),
                            events - firstCount);
                    return new Applied((System.nanoTime() - firstNanos) / 1e9 * events
                            / Math.max(1, events - firstCount), perEvent);
                }
                TimeUnit.MILLISECONDS.sleep(100); // a poll interval in a command-line tool, not a test
            }
        }
        throw new IllegalStateException("the outcomes consumer applied " + n + " of " + events + " events within "
                + REPLAY_TIMEOUT.toMinutes() + " min");
    }

    /** Every score of the district from the replayed year: a COMMUNITY and a STREET round closed, timed. */
    static Replay recompute(ServiceClient admin, EvaluationYear.Published year0, int year, Applied applied) {
        Map<String, Object> objective = Map.of("self", 0, "mutual", 0, "assessment", 0, "members", 0, "residents", 0,
                "objective", 100);
        double[] closes = new double[2];
        int scored = 0;
        for (String level : List.of("COMMUNITY", "STREET")) {
            String id = admin.post("/rounds", Map.of("year", year, "level", level, "weights", objective), null)
                    .requireSuccess("open the " + level + " round").text("id");
            long start = System.nanoTime();
            admin.post("/rounds/" + id + "/close", Map.of("version", 1), null)
                    .requireSuccess("close the " + level + " round");
            closes[level.equals("COMMUNITY") ? 0 : 1] = (System.nanoTime() - start) / 1e9;
            if (level.equals("COMMUNITY")) {
                scored = admin.getOk("/rounds/" + id + "/scores", Map.of()).size();
            }
        }
        Map<EvaluationYear.Kind, Long> counted = new EnumMap<>(EvaluationYear.Kind.class);
        for (UUID street : year0.streets()) {
            for (JsonNode i : admin.getOk("/indicators", Map.of("organisationId", street.toString(), "year",
                    String.valueOf(year))).path("indicators")) {
                EvaluationYear.Kind kind = switch (i.path("kind").asString()) {
                    case "HOURS_SERVED" -> EvaluationYear.Kind.HOURS;
                    case "WISHES_CONFIRMED" -> EvaluationYear.Kind.WISHES;
                    case "MEMBER_REPORTS_ACCEPTED" -> EvaluationYear.Kind.MEMBER_REPORTS;
                    case "UNIT_REPORTS_ACCEPTED" -> EvaluationYear.Kind.UNIT_REPORTS;
                    default -> null;
                };
                if (kind != null) {
                    counted.merge(kind, i.path("events").asLong(), Long::sum);
                }
            }
        }
        return new Replay(year0.events(), applied.seconds(), applied.cpu(), year0.outcomes(), counted, closes[0],
                closes[1], scored);
    }

    static Counted counted(String db, UUID round) throws SQLException {
        try (Connection c = DriverManager.getConnection(db, PostgresServer.USER, ""); Statement s = c.createStatement()) {
            String r = "'" + round + "'";
            return new Counted(count(s, "select count(*) from rating where component = 'RESIDENTS' and round_id = " + r),
                    count(s, "select count(*) from resident_code where used and round_id = " + r),
                    count(s, "select count(*) from rating where component = 'MEMBERS' and round_id = " + r),
                    count(s, "select count(*) from rated where component = 'MEMBERS' and round_id = " + r));
        }
    }

    private static long count(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void awaitRows(String db, String query, long expected) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Bench.READY_TIMEOUT.toNanos();
        try (Connection c = DriverManager.getConnection(db, PostgresServer.USER, ""); Statement s = c.createStatement()) {
            while (count(s, query) < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not there within " + Bench.READY_TIMEOUT.toSeconds() + " s: "
                            + query);
                }
                TimeUnit.MILLISECONDS.sleep(200); // a poll interval in a command-line tool, not a test
            }
        }
    }

    private Level print(Level l) {
        Results.Latency http = Results.Latency.of(l.run().nanos());
        out.println(String.format(Locale.ROOT,
                "%-15s %2d clients: %.1f/s, http p50 %.1f p99 %.1f ms, errors %d%s | ceiling %.1f tx/s | ratio %.2f | "
                        + "CPU ms per command: service %.3f, PostgreSQL %.3f; bare tx %.3f | path/bare %.2f",
                l.run().path(), l.run().clients(), l.run().perSecond(), http.p50(), http.p99(), l.run().errors(),
                l.run().firstError() == null ? "" : " (" + l.run().firstError() + ")", l.ceiling().perSecond(),
                l.ratio(), l.cpu().service(), l.cpu().postgres(), l.cost().bareMillis(), l.cost().pathOverBare()));
        return l;
    }

    private void report(Machine m, List<Level> levels, long codesSent, long membersSent) {
        out.println();
        out.println("==== evaluation benchmark ====");
        out.printf("machine  %d CPUs, %s, %d MiB, %s, %s%n", m.cpus(), m.cpuModel(), m.memoryMiB(), m.java(), m.os());
        out.printf("load     %s at the start, %s at the end%n", m.loadAverage(), Machine.currentLoadAverage());
        out.printf(Locale.ROOT, "run      %.1f s per level after %.1f s warm-up; JIT warm-up %d s%n",
                options.duration().toMillis() / 1000.0, options.warmup().toMillis() / 1000.0,
                options.jitWarmup().toSeconds());
        out.println();
        out.println("| replayed events | applied in s | events/s | target ≥ 20,000/s | CPU ms per event: service "
                + "| PostgreSQL | broker | machine | published per kind | counted per kind "
                + "| COMMUNITY round closed (communities) | STREET round closed |");
        out.println("|---:|---:|---:|---|---:|---:|---:|---:|---|---|---:|---:|");
        out.println(String.format(Locale.ROOT, "| %d | %.1f | %.0f | %s | %.4f | %.4f | %.4f | %.4f | %s | %s "
                        + "| %.2f s (%d) | %.2f s |",
                replay.events(), replay.seconds(), replay.perSecond(), replay.perSecond() >= 20_000 ? "met" : "missed",
                replay.cpu().service(), replay.cpu().postgres(), replay.cpu().broker(), replay.cpu().machine(),
                replay.published(), replay.counted(), replay.communityCloseSeconds(), replay.communitiesScored(),
                replay.streetCloseSeconds()));
        out.println();
        out.println("| path | clients | /s | http p50 ms | http p99 ms | errors | ceiling tx/s | ratio |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Level l : levels) {
            Results.Latency http = Results.Latency.of(l.run().nanos());
            out.println(String.format(Locale.ROOT, "| %s | %d | %.1f%s | %.1f | %.1f | %d | %.1f | %.2f |", l.run().path(),
                    l.run().clients(), l.run().perSecond(), l.run().exhausted() ? " (pool dry)" : "", http.p50(),
                    http.p99(), l.run().errors(), l.ceiling().perSecond(), l.ratio()));
        }
        CpuCost.table(out, levels.stream().map(Level::cost).toList());
        out.println();
        out.println("| duplicates | raters | sent at once | counted (204) | refused (409) | unexpected |");
        out.println("|---|---:|---:|---:|---:|---|");
        for (RatingLoad.Duplicates d : checks) {
            out.printf("| %s | %d | %d | %d | %d | %s |%n", d.path(), d.raters(), d.senders(), d.counted(), d.refused(),
                    d.firstUnexpected() == null ? "none" : d.firstUnexpected());
        }
        out.println();
        out.printf("in the database: %d residents' ratings for %d used codes (%d codes sent), %d members' ratings for %d "
                + "members marked as having rated (%d members sent): %s%n", counted.residentRatings(), counted.usedCodes(),
                codesSent, counted.memberRatings(), counted.membersRated(), membersSent,
                counted.residentRatings() == counted.usedCodes() && counted.memberRatings() == counted.membersRated()
                        ? "one rating per code and per member" : "MISMATCH");
    }
}
