package cn.zhangzhou.partybuilding.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.LongStream;

import cn.zhangzhou.partybuilding.embedded.PostgresServer;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.wishes.WishesEvents;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.platform.ServiceProcess;
import cn.zhangzhou.partybuilding.support.security.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The wishes claim path (POST /wishes/{id}/claim: the wish's conditional update, its transition, the claim row
 * and the outbox row, relayed to Kafka). Spread claims (every claim on its own wish) against the ceiling of a
 * bare transaction of the same writes; then contended claims (one wish, many members at once): exactly one
 * winner per wish and how fast the losers hear 409. Run: {@code java -jar deploy/benchmark/target/benchmark.jar
 * claims}; results in docs/performance.md.
 */
@Command(name = "claims", mixinStandardHelpOptions = true, description = "The wishes claim path: spread claims against "
        + "their ceiling, then contended claims (one wish, many claimers at once).")
final class ClaimBenchmark extends Mode {

    static final String DISTRICT = Bench.DISTRICT;
    static final String CLAIM_URI = "/api/v1/wishes/{id}/claim";
    /** Members living in the benchmark community; claims go round-robin over them. */
    static final int MEMBERS = 400;
    /** Wishes posted and published before the JIT warm-up (topped up before each level from the measured rate). */
    static final int INITIAL_POOL = 4000;
    /** Parallel staff clients posting and publishing the pool (setup, not measured). */
    static final int PUBLISHERS = 8;
    /** Rows published in the ceiling's table per run: more than the bare transaction can claim in a run. */
    static final int CEILING_ROWS_PER_SECOND = 8000;

    @Option(names = "--contenders", split = ",", paramLabel = "N", defaultValue = "4,16", converter = Contenders.class,
            description = "members claiming one wish at once, per contended level (default ${DEFAULT-VALUE})")
    List<Integer> contenders;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "40", converter = Rounds.class,
            description = "wishes claimed under contention per contended level (default ${DEFAULT-VALUE})")
    int rounds;

    @Override
    List<Integer> defaultLevels() {
        return List.of(4, 8, 16);
    }

    record SpreadLevel(ClaimLoad.SpreadRun run, Results.Latency http, Results.Latency toKafka, long missing,
                       double serverMeanMillis, long peakBacklog, long peakRssKiB, Ceiling.Run ceiling) {
        double ratio() {
            return run.claimsPerSecond() / ceiling.perSecond();
        }
    }

    @Override
    void measure(Machine machine) throws Exception {
        long started = System.nanoTime();
        // Each member ends up with many open claims here; the limit is still checked on every claim (lock +
        // count), it just must not be what refuses a claim.
        ServiceProcess service = bench.startService(PlatformService.WISHES, Map.of("ZZ_WISHES_MAX_OPEN_CLAIMS", "1000000"));
        out.printf(Locale.ROOT, "service ready in %.1f s (pid %d)%n", (System.nanoTime() - started) / 1e9, service.pid());

        out.println("publishing the organisation tree and " + MEMBERS + " resident members on the membership topic ...");
        String serviceDb = bench.database(PlatformService.WISHES);
        MembershipSeed.Seeded seeded = new MembershipSeed(DISTRICT).publish(bench.kafka.bootstrapServers(), MEMBERS,
                serviceDb, PostgresServer.USER, Bench.READY_TIMEOUT);
        String staff = bench.token("benchmark-community-staff", Role.COMMUNITY_STAFF, seeded.community(), null);
        List<String> memberTokens = new ArrayList<>();
        for (UUID member : seeded.members()) {
            memberTokens.add(bench.token("member-" + member, Role.MEMBER, null, member));
        }
        WishesApi api = new WishesApi(service.port(), staff, seeded.community());
        ClaimLoad load = new ClaimLoad(Bench.loadClient(), api, memberTokens);
        EventArrivals arrivals = EventArrivals.start(bench.kafka.bootstrapServers(), Topics.events(DISTRICT, "wishes"),
                WishesEvents.WISH_CLAIMED.ceType());
        resources.push(arrivals);
        Sampler sampler = new Sampler(serviceDb, PostgresServer.USER, service);
        resources.push(sampler);
        ClaimCeiling ceiling = new ClaimCeiling(bench.postgres.ensureDatabase("bench_claim_ceiling"), PostgresServer.USER,
                bench.jar(PlatformService.WISHES));
        ServerTiming timing = new ServerTiming(service.port(), CLAIM_URI);
        ProcessCpu cpu = new ProcessCpu(service.pid(), bench.postgres.dataDir());
        List<CpuCost> costs = new ArrayList<>();

        ConcurrentLinkedQueue<UUID> pool = new ConcurrentLinkedQueue<>();
        out.printf("posting and publishing %d wishes ...%n", INITIAL_POOL);
        api.publishWishes(INITIAL_POOL, PUBLISHERS, pool);
        out.printf("warming up the service for %d s (spread claims, 8 clients) ...%n", options.jitWarmup().toSeconds());
        double rate = warmUp(load, pool, api, arrivals);
        ceiling.run(4, options.warmup(), rows(options.warmup()));

        List<SpreadLevel> levels = new ArrayList<>();
        for (int clients : levels()) {
            // Generous: the rate still grows after the warm-up, and a pool that runs dry cuts the level short.
            int needed = (int) Math.ceil(rate * (options.duration().toSeconds() + options.warmup().toSeconds()) * 2.5) + 1000;
            if (pool.size() < needed) {
                out.printf("topping the pool up to %d wishes ...%n", needed);
                api.publishWishes(needed - pool.size(), PUBLISHERS, pool);
            }
            drain(arrivals, load.spread(clients, options.warmup(), pool));
            sampler.resetPeaks();
            ServerTiming.Snapshot before = timing.snapshot();
            ProcessCpu.Snapshot cpuBefore = cpu.snapshot();
            ClaimLoad.SpreadRun run = load.spread(clients, options.duration(), pool);
            ProcessCpu.Snapshot cpuAfter = cpu.snapshot();
            double serverMillis = timing.snapshot().meanMillisSince(before);
            List<UUID> won = run.won().stream().map(ClaimLoad.Won::wish).toList();
            long missing = arrivals.awaitAll(won, Benchmark.EVENT_WAIT);
            long[] peaks = sampler.resetPeaks();
            LongStream toKafka = run.won().stream().filter(w -> arrivals.arrival(w.wish()) != null)
                    .mapToLong(w -> Math.max(0, arrivals.arrival(w.wish()) - w.acceptedNanos()));
            Results.Latency kafka = Results.Latency.of(toKafka);
            arrivals.forget(won);
            ceiling.run(clients, options.warmup(), rows(options.warmup()));
            ProcessCpu.Snapshot bareBefore = cpu.snapshot();
            Ceiling.Run c = ceiling.run(clients, options.duration(), rows(options.duration()));
            costs.add(new CpuCost("claim", clients + " clients", run.claimsPerSecond(),
                    ProcessCpu.PerCommand.between(cpuBefore, cpuAfter, run.won().size()),
                    ProcessCpu.PerCommand.between(bareBefore, cpu.snapshot(), c.transactions())));
            SpreadLevel level = new SpreadLevel(run,
                    Results.Latency.of(run.won().stream().mapToLong(w -> w.acceptedNanos() - w.sentNanos())), kafka,
                    missing, serverMillis, peaks[0], peaks[1], c);
            levels.add(level);
            rate = Math.max(rate, run.claimsPerSecond());
            out.println(String.format(Locale.ROOT,
                    "%2d clients: %.1f claims/s%s, http p50 %.1f p99 %.1f ms, accepted→Kafka p99 %.1f ms, errors %d (%s), "
                            + "missing %d | ceiling %.1f tx/s (errors %d%s) | ratio %.2f",
                    clients, run.claimsPerSecond(), run.exhausted() ? " (pool ran dry)" : "", level.http().p50(),
                    level.http().p99(), level.toKafka().p99(), run.errors(), run.firstError(), missing, c.perSecond(),
                    c.errors(), c.firstError() == null ? "" : ", " + c.firstError(), level.ratio()));
            if (!service.isAlive()) {
                throw new IllegalStateException("the service died; log tail:\n" + service.tail(40));
            }
        }

        List<ClaimLoad.ContendedRun> contended = new ArrayList<>();
        for (int contenders : this.contenders) {
            ConcurrentLinkedQueue<UUID> fresh = new ConcurrentLinkedQueue<>();
            api.publishWishes(rounds, PUBLISHERS, fresh);
            ClaimLoad.ContendedRun run = load.contended(contenders, List.copyOf(fresh));
            long missing = arrivals.awaitAll(run.wonWishes(), Benchmark.EVENT_WAIT);
            arrivals.forget(run.wonWishes());
            contended.add(run);
            Results.Latency losers = Results.Latency.of(run.loserNanos());
            out.println(String.format(Locale.ROOT,
                    "%2d contenders × %d wishes: winners per wish %s, answers %s, losers p50 %.1f p99 %.1f max %.1f ms, "
                            + "WishClaimed missing %d%s",
                    contenders, run.wishes(), run.winnersPerWish(), run.statuses(), losers.p50(), losers.p99(), losers.max(),
                    missing, run.firstUnexpected() == null ? "" : ", first unexpected: " + run.firstUnexpected()));
        }
        report(machine, levels, contended, sampler.overallPeakRssKiB());
        CpuCost.table(out, costs);
    }

    /** Spread claims with 8 clients for the JIT warm-up time, topping the pool up when it runs dry. */
    private double warmUp(ClaimLoad load, ConcurrentLinkedQueue<UUID> pool, WishesApi api, EventArrivals arrivals)
            throws InterruptedException {
        long end = System.nanoTime() + options.jitWarmup().toNanos();
        double rate = 0;
        while (System.nanoTime() < end) {
            if (pool.isEmpty()) {
                api.publishWishes(Math.max(1000, (int) (rate * 10)), PUBLISHERS, pool);
            }
            ClaimLoad.SpreadRun run = load.spread(8, Duration.ofNanos(Math.max(1, end - System.nanoTime())), pool);
            rate = Math.max(rate, run.claimsPerSecond());
            drain(arrivals, run);
        }
        return rate;
    }

    private static int rows(Duration duration) {
        return (int) Math.max(1000, duration.toSeconds() * CEILING_ROWS_PER_SECOND);
    }

    private static void drain(EventArrivals arrivals, ClaimLoad.SpreadRun run) throws InterruptedException {
        List<UUID> won = run.won().stream().map(ClaimLoad.Won::wish).toList();
        arrivals.awaitAll(won, Benchmark.EVENT_WAIT);
        arrivals.forget(won);
    }

    private void report(Machine m, List<SpreadLevel> levels, List<ClaimLoad.ContendedRun> contended, long peakRssKiB) {
        out.println();
        out.println("==== wishes claim path benchmark ====");
        out.printf("machine  %d CPUs, %s, %d MiB, %s, %s%n", m.cpus(), m.cpuModel(), m.memoryMiB(), m.java(), m.os());
        out.printf("load     %s at the start, %s at the end%n", m.loadAverage(), Machine.currentLoadAverage());
        out.printf(Locale.ROOT, "run      %.1f s per level after %.1f s warm-up; JIT warm-up %d s; service RSS peak %.1f MiB%n",
                options.duration().toMillis() / 1000.0, options.warmup().toMillis() / 1000.0,
                options.jitWarmup().toSeconds(), peakRssKiB / 1024.0);
        out.println();
        out.println("| clients | claims/s | http p50 ms | http p99 ms | mean in service ms | →Kafka p99 ms | errors | missing events | ceiling tx/s | ratio |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (SpreadLevel l : levels) {
            out.println(String.format(Locale.ROOT, "| %d | %.1f%s | %.1f | %.1f | %.1f | %.1f | %d | %d | %.1f | %.2f |",
                    l.run().clients(), l.run().claimsPerSecond(), l.run().exhausted() ? " (pool dry)" : "", l.http().p50(),
                    l.http().p99(), l.serverMeanMillis(), l.toKafka().p99(), l.run().errors(), l.missing(),
                    l.ceiling().perSecond(), l.ratio()));
        }
        out.println();
        out.println("| contenders | wishes | wishes with exactly one winner | answers (status: count) | winner p50 ms | loser p50 ms | loser p99 ms | loser max ms |");
        out.println("|---:|---:|---:|---|---:|---:|---:|---:|");
        for (ClaimLoad.ContendedRun c : contended) {
            Results.Latency winners = Results.Latency.of(c.winnerNanos());
            Results.Latency losers = Results.Latency.of(c.loserNanos());
            out.println(String.format(Locale.ROOT, "| %d | %d | %d | %s | %.1f | %.1f | %.1f | %.1f |", c.contenders(),
                    c.wishes(), c.winnersPerWish().getOrDefault(1, 0), c.statuses(), winners.p50(), losers.p50(),
                    losers.p99(), losers.max()));
        }
    }

    /** Two claimers at least, else there is no contention. */
    static final class Contenders implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return BenchmarkOptions.within(value, 2, 256);
        }
    }

    static final class Rounds implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return BenchmarkOptions.within(value, 1, 100_000);
        }
    }
}
