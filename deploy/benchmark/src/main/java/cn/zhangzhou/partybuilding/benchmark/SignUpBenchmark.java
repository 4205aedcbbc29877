package cn.zhangzhou.partybuilding.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import cn.zhangzhou.partybuilding.embedded.PostgresServer;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.platform.ServiceProcess;
import cn.zhangzhou.partybuilding.support.security.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The volunteering sign-up and check-in paths (POST /activities/{id}/sign-ups, POST /activities/{id}/check-in)
 * against the ceilings of their bare transactions, with the CPU per command of every process (issue 11); then the
 * last places of an activity taken by many members at once (exactly capacity confirmed, the rest waiting-listed in
 * order). Run: {@code java -jar deploy/benchmark/target/benchmark.jar sign-ups}; results in docs/performance.md.
 */
@Command(name = "sign-ups", mixinStandardHelpOptions = true, description = "The volunteering sign-up and check-in "
        + "paths against their ceilings, then the last places of an activity taken at once.")
final class SignUpBenchmark extends Mode {

    /** Members living in the benchmark community. */
    static final int MEMBERS = 400;
    /** Activities with room for everybody: members × activities sign-ups, shuffled so no lock is a queue. */
    static final int ACTIVITIES = 200;
    /** Members of the ceiling's pairs: more pairs than the bare transaction signs up in a run. */
    static final int CEILING_MEMBERS = 2000;
    /** Places of the activities of the last-places rounds. */
    static final int PLACES = 5;

    @Option(names = "--contenders", split = ",", paramLabel = "N", defaultValue = "16,32",
            description = "members signing up to one activity with " + PLACES + " places at once (default ${DEFAULT-VALUE})")
    List<Integer> contenders;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "20",
            description = "activities signed up to at once per contended level (default ${DEFAULT-VALUE})")
    int rounds;

    @Override
    List<Integer> defaultLevels() {
        return List.of(8, 16);
    }

    /** One measured path at one level, beside its ceiling. */
    record Level(String path, SignUpLoad.SpreadRun run, ProcessCpu.PerCommand cpu, Ceiling.Run ceiling,
                 ProcessCpu.PerCommand ceilingCpu) {
        double ratio() {
            return run.perSecond() / ceiling.perSecond();
        }

        CpuCost cost() {
            return new CpuCost(path, run.clients() + " clients", run.perSecond(), cpu, ceilingCpu);
        }
    }

    @Override
    void measure(Machine machine) throws Exception {
        long started = System.nanoTime();
        ServiceProcess service = bench.startService(PlatformService.VOLUNTEERING, Map.of());
        out.printf(Locale.ROOT, "service ready in %.1f s (pid %d)%n", (System.nanoTime() - started) / 1e9, service.pid());
        String serviceDb = bench.database(PlatformService.VOLUNTEERING);
        out.println("publishing the organisation tree and " + MEMBERS + " resident members on the membership topic ...");
        MembershipSeed.Seeded seeded = new MembershipSeed(Bench.DISTRICT).publish(bench.kafka.bootstrapServers(), MEMBERS,
                serviceDb, PostgresServer.USER, Bench.READY_TIMEOUT);
        String staff = bench.token("benchmark-community-staff", Role.COMMUNITY_STAFF, seeded.community(), null);
        List<String> memberTokens = new ArrayList<>();
        for (UUID member : seeded.members()) {
            memberTokens.add(bench.token("member-" + member, Role.MEMBER, null, member));
        }
        VolunteeringApi api = new VolunteeringApi(service.port(), staff, seeded.community());
        SignUpLoad load = new SignUpLoad(Bench.loadClient(), api, memberTokens);
        Sampler sampler = new Sampler(serviceDb, PostgresServer.USER, service);
        resources.push(sampler);
        ProcessCpu cpu = new ProcessCpu(service.pid(), bench.postgres.dataDir());
        SignUpCeiling ceiling = new SignUpCeiling(bench.postgres.ensureDatabase("bench_signup_ceiling"),
                PostgresServer.USER, bench.jar(PlatformService.VOLUNTEERING));
        Queue<SignUpLoad.Pair> ceilingPairs = shuffled(ceiling.pairs(ACTIVITIES, CEILING_MEMBERS));
        Queue<SignUpLoad.Pair> ceilingSignedUp = new ConcurrentLinkedQueue<>();

        // Sign-ups are taken until the start; check-in opens the service's `early` (30 min) before it.
        Instant startsAt = Instant.now().plus(Duration.ofMinutes(25));
        out.printf("scheduling %d activities starting at %s ...%n", ACTIVITIES, startsAt);
        List<UUID> activities = api.schedule(ACTIVITIES, 10_000, startsAt);
        Queue<SignUpLoad.Pair> pairs = new ConcurrentLinkedQueue<>();
        for (int m = 0; m < MEMBERS; m++) {
            for (UUID activity : activities) {
                pairs.add(new SignUpLoad.Pair(activity, m));
            }
        }
        pairs = shuffled(pairs);
        Queue<SignUpLoad.Pair> signedUp = new ConcurrentLinkedQueue<>();

        out.printf("warming up the service for %d s (sign-ups, then check-ins; 8 clients) ...%n",
                options.jitWarmup().toSeconds());
        load.signUps(8, options.jitWarmup(), pairs, signedUp);
        load.checkIns(8, options.jitWarmup().dividedBy(2), signedUp);
        ceiling.signUps(4, options.warmup(), ceilingPairs, ceilingSignedUp);

        List<Level> levels = new ArrayList<>();
        for (int clients : levels()) {
            load.signUps(clients, options.warmup(), pairs, signedUp);
            ProcessCpu.Snapshot before = cpu.snapshot();
            SignUpLoad.SpreadRun signUps = load.signUps(clients, options.duration(), pairs, signedUp);
            ProcessCpu.PerCommand signUpCpu = ProcessCpu.PerCommand.between(before, cpu.snapshot(), signUps.ok());
            ceiling.signUps(clients, options.warmup(), ceilingPairs, ceilingSignedUp);
            before = cpu.snapshot();
            Ceiling.Run bare = ceiling.signUps(clients, options.duration(), ceilingPairs, ceilingSignedUp);
            levels.add(print(new Level("sign-up", signUps, signUpCpu, bare,
                    ProcessCpu.PerCommand.between(before, cpu.snapshot(), bare.transactions()))));

            load.checkIns(clients, options.warmup(), signedUp);
            before = cpu.snapshot();
            SignUpLoad.SpreadRun checkIns = load.checkIns(clients, options.duration(), signedUp);
            ProcessCpu.PerCommand checkInCpu = ProcessCpu.PerCommand.between(before, cpu.snapshot(), checkIns.ok());
            ceiling.checkIns(clients, options.warmup(), ceilingSignedUp);
            before = cpu.snapshot();
            Ceiling.Run bareCheckIns = ceiling.checkIns(clients, options.duration(), ceilingSignedUp);
            levels.add(print(new Level("check-in", checkIns, checkInCpu, bareCheckIns,
                    ProcessCpu.PerCommand.between(before, cpu.snapshot(), bareCheckIns.transactions()))));
            if (!service.isAlive()) {
                throw new IllegalStateException("the service died; log tail:\n" + service.tail(40));
            }
        }

        List<SignUpLoad.LastPlacesRun> lastPlaces = new ArrayList<>();
        for (int n : contenders) {
            SignUpLoad.LastPlacesRun run = load.lastPlaces(n, PLACES, api.schedule(rounds, PLACES, startsAt));
            lastPlaces.add(run);
            out.println(String.format(Locale.ROOT, "%2d members × %d activities with %d places: confirmed per activity %s, "
                            + "waiting lists numbered 1..%d in %d, waiting-listed p99 %.1f ms%s",
                    n, run.rounds(), PLACES, run.confirmedPerActivity(), n - PLACES,
                    run.roundsWithAContiguousWaitingList(), Results.Latency.of(run.waitingNanos()).p99(),
                    run.firstUnexpected() == null ? "" : ", first unexpected: " + run.firstUnexpected()));
        }
        long backlog = sampler.backlog();
        report(machine, levels, lastPlaces, sampler.overallPeakRssKiB(), backlog);
    }

    private static Queue<SignUpLoad.Pair> shuffled(Queue<SignUpLoad.Pair> pairs) {
        List<SignUpLoad.Pair> list = new ArrayList<>(pairs);
        Collections.shuffle(list, new Random(42));
        return new ConcurrentLinkedQueue<>(list);
    }

    private Level print(Level l) {
        Results.Latency http = Results.Latency.of(l.run().nanos());
        out.println(String.format(Locale.ROOT,
                "%-8s %2d clients: %.1f/s, http p50 %.1f p99 %.1f ms, errors %d%s | ceiling %.1f tx/s | ratio %.2f | "
                        + "CPU ms per command: service %.3f, PostgreSQL %.3f, broker %.3f, load generator %.3f, "
                        + "machine %.3f; bare tx %.3f | path/bare %.2f",
                l.path(), l.run().clients(), l.run().perSecond(), http.p50(), http.p99(), l.run().errors(),
                l.run().firstError() == null ? "" : " (" + l.run().firstError() + ")", l.ceiling().perSecond(), l.ratio(),
                l.cpu().service(), l.cpu().postgres(), l.cpu().broker(), l.cpu().loadGenerator(), l.cpu().machine(),
                l.cost().bareMillis(), l.cost().pathOverBare()));
        return l;
    }

    private void report(Machine m, List<Level> levels, List<SignUpLoad.LastPlacesRun> lastPlaces, long peakRssKiB,
                        long backlog) {
        out.println();
        out.println("==== volunteering sign-up and check-in benchmark ====");
        out.printf("machine  %d CPUs, %s, %d MiB, %s, %s%n", m.cpus(), m.cpuModel(), m.memoryMiB(), m.java(), m.os());
        out.printf("load     %s at the start, %s at the end%n", m.loadAverage(), Machine.currentLoadAverage());
        out.printf(Locale.ROOT, "run      %.1f s per level after %.1f s warm-up; JIT warm-up %d s; service RSS peak %.1f MiB; "
                        + "outbox rows not yet relayed at the end %d%n", options.duration().toMillis() / 1000.0,
                options.warmup().toMillis() / 1000.0, options.jitWarmup().toSeconds(), peakRssKiB / 1024.0, backlog);
        out.println();
        out.println("| path | clients | /s | http p50 ms | http p99 ms | errors | ceiling tx/s | ratio |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Level l : levels) {
            Results.Latency http = Results.Latency.of(l.run().nanos());
            out.println(String.format(Locale.ROOT, "| %s | %d | %.1f%s | %.1f | %.1f | %d | %.1f | %.2f |", l.path(),
                    l.run().clients(), l.run().perSecond(), l.run().exhausted() ? " (pool dry)" : "", http.p50(),
                    http.p99(), l.run().errors(), l.ceiling().perSecond(), l.ratio()));
        }
        CpuCost.table(out, levels.stream().map(Level::cost).toList());
        out.println();
        out.println("| contenders | activities | places | confirmed per activity (count: activities) | waiting lists numbered 1..n | confirmed p99 ms | waiting-listed p50 ms | waiting-listed p99 ms | target p99 ≤ 50 ms |");
        out.println("|---:|---:|---:|---|---:|---:|---:|---:|---|");
        for (SignUpLoad.LastPlacesRun r : lastPlaces) {
            Results.Latency waiting = Results.Latency.of(r.waitingNanos());
            out.println(String.format(Locale.ROOT, "| %d | %d | %d | %s | %d | %.1f | %.1f | %.1f | %s |", r.contenders(),
                    r.rounds(), r.places(), r.confirmedPerActivity(), r.roundsWithAContiguousWaitingList(),
                    Results.Latency.of(r.confirmedNanos()).p99(), waiting.p50(), waiting.p99(),
                    waiting.p99() <= 50 ? "met" : "missed"));
        }
    }
}
