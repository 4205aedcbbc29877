package cn.zhangzhou.partybuilding.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import cn.zhangzhou.partybuilding.embedded.PostgresServer;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.platform.ServiceProcess;
import cn.zhangzhou.partybuilding.support.security.Role;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The membership write path (POST /members: member row + outbox row, relayed to Kafka) against the
 * ceiling of a bare transaction of the same shape on the same PostgreSQL; the other modes are its commands. Run
 * from the repository root: {@code java -jar deploy/benchmark/target/benchmark.jar [claims|sign-ups|gateway|evaluation|city] [options]};
 * see docs/performance.md.
 */
@Command(name = "java -jar deploy/benchmark/target/benchmark.jar", mixinStandardHelpOptions = true,
        subcommands = {ClaimBenchmark.class, SignUpBenchmark.class, GatewayBenchmark.class, EvaluationBenchmark.class,
                CityBenchmark.class},
        description = "Without a command: the membership write path (POST /members) against its ceiling.")
public final class Benchmark extends Mode {

    /** How long the events of a phase may still take to reach Kafka after its last command. */
    static final Duration EVENT_WAIT = Duration.ofSeconds(60);
    static final int FIXED_RATE_THREADS = 64;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Benchmark()).execute(args));
    }

    /** The mode a command line names, its options set (picocli's ParameterException if it is not a valid one). */
    static Mode parse(String... args) {
        CommandLine.ParseResult result = new CommandLine(new Benchmark()).parseArgs(args);
        return (Mode) (result.hasSubcommand() ? result.subcommand() : result).commandSpec().userObject();
    }

    @Override
    List<Integer> defaultLevels() {
        return List.of(1, 2, 4, 8, 16);
    }

    @Override
    void measure(Machine machine) throws Exception {
        long started = System.nanoTime();
        ServiceProcess service = bench.startService(PlatformService.MEMBERSHIP, Map.of());
        double readySeconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "service ready in %.1f s (pid %d)%n", readySeconds, service.pid());

        MembershipApi api = new MembershipApi(service.port(),
                bench.token("benchmark-district-admin", Role.DISTRICT_ADMIN, null, null));
        api.createTree();
        EventArrivals arrivals = EventArrivals.start(bench.kafka.bootstrapServers(),
                Topics.events(Bench.DISTRICT, "membership"), MembershipEvents.MEMBER_REGISTERED.ceType());
        resources.push(arrivals);
        Sampler sampler = new Sampler(bench.database(PlatformService.MEMBERSHIP), PostgresServer.USER, service);
        resources.push(sampler);
        Ceiling ceiling = new Ceiling(bench.postgres.ensureDatabase("bench_ceiling"), PostgresServer.USER,
                bench.jar(PlatformService.MEMBERSHIP));
        Load load = new Load(Bench.loadClient(), api);
        ServerTiming timing = new ServerTiming(service.port(), "/api/v1/members");
        ProcessCpu cpu = new ProcessCpu(service.pid(), bench.postgres.dataDir());
        List<CpuCost> costs = new ArrayList<>();

        // The JIT compiles the service's hot path under load: keep that out of the measured levels.
        Duration jitWarmup = options.jitWarmup();
        out.printf("warming up the service for %d s ...%n", jitWarmup.toSeconds());
        drain(arrivals, load.closedLoop(8, jitWarmup));
        ceiling.run(4, options.warmup());

        List<Results.Level> levels = new ArrayList<>();
        for (int clients : levels()) {
            drain(arrivals, load.closedLoop(clients, options.warmup()));
            sampler.resetPeaks();
            ServerTiming.Snapshot before = timing.snapshot();
            ProcessCpu.Snapshot cpuBefore = cpu.snapshot();
            Load.Run run = load.closedLoop(clients, options.duration());
            ProcessCpu.Snapshot cpuAfter = cpu.snapshot();
            double serverMillis = timing.snapshot().meanMillisSince(before);
            List<UUID> members = Results.members(run.accepted());
            long missing = arrivals.awaitAll(members, EVENT_WAIT);
            long[] peaks = sampler.resetPeaks();
            Results.WritePath w = Results.WritePath.of(String.valueOf(clients), run, arrivals::arrival, missing, peaks[0],
                    sampler.backlog(), peaks[1], serverMillis);
            arrivals.forget(members);
            ceiling.run(clients, options.warmup());
            ProcessCpu.Snapshot bareBefore = cpu.snapshot();
            Ceiling.Run c = ceiling.run(clients, options.duration());
            costs.add(new CpuCost("registration", clients + " clients", w.commandsPerSecond(),
                    ProcessCpu.PerCommand.between(cpuBefore, cpuAfter, run.accepted().size()),
                    ProcessCpu.PerCommand.between(bareBefore, cpu.snapshot(), c.transactions())));
            Results.Level level = new Results.Level(w, c);
            levels.add(level);
            out.println(String.format(Locale.ROOT,
                    "%2d clients: %.1f cmd/s, %.1f events/s, accepted→Kafka p50 %.1f p99 %.1f max %.1f ms, errors %d, "
                            + "missing %d, backlog peak %d, RSS %.0f MiB | ceiling %.1f tx/s (errors %d) | ratio %.2f",
                    clients, w.commandsPerSecond(), w.eventsPerSecond(), w.toKafka().p50(), w.toKafka().p99(),
                    w.toKafka().max(), w.errors(), w.missing(), w.peakBacklog(), w.peakRssKiB() / 1024.0,
                    c.perSecond(), c.errors(), level.ratio()));
            if (!service.isAlive()) {
                throw new IllegalStateException("the service died; log tail:\n" + service.tail(40));
            }
        }

        double best = levels.stream().mapToDouble(l -> l.writePath().commandsPerSecond()).max().orElseThrow();
        double rate = options.fixedRate() > 0 ? options.fixedRate() : Math.round(best / 2 * 10) / 10.0;
        out.printf(Locale.ROOT, "fixed rate: %.1f commands/s for %d s (open loop) ...%n", rate,
                options.fixedRateDuration().toSeconds());
        sampler.resetPeaks();
        ServerTiming.Snapshot fixedBefore = timing.snapshot();
        ProcessCpu.Snapshot fixedCpuBefore = cpu.snapshot();
        Load.Run fixedRun = load.fixedRate(rate, options.fixedRateDuration(), FIXED_RATE_THREADS);
        ProcessCpu.PerCommand fixedCpu = ProcessCpu.PerCommand.between(fixedCpuBefore, cpu.snapshot(),
                fixedRun.accepted().size());
        List<UUID> fixedMembers = Results.members(fixedRun.accepted());
        double fixedServerMillis = timing.snapshot().meanMillisSince(fixedBefore);
        long fixedMissing = arrivals.awaitAll(fixedMembers, EVENT_WAIT);
        long[] peaks = sampler.resetPeaks();
        Results.WritePath fixed = Results.WritePath.of(String.format(Locale.ROOT, "%.1f", rate), fixedRun, arrivals::arrival,
                fixedMissing, peaks[0], sampler.backlog(), peaks[1], fixedServerMillis);

        Report report = new Report(out);
        report.plain(machine, options, levels, fixed);
        out.printf(Locale.ROOT, "service RSS peak over the whole run: %.1f MiB%n", sampler.overallPeakRssKiB() / 1024.0);
        report.markdown(machine, options, levels, fixed, readySeconds);
        // The open-loop run has no ceiling window of its own: the bare transaction of the busiest level stands beside it.
        costs.add(new CpuCost("registration", String.format(Locale.ROOT, "open loop %.1f/s", rate),
                fixed.commandsPerSecond(), fixedCpu, costs.get(costs.size() - 1).bare()));
        CpuCost.table(out, costs);
    }

    /** Waits (bounded) for the events of an unmeasured phase, so they do not spill into the next one. */
    private static void drain(EventArrivals arrivals, Load.Run run) throws InterruptedException {
        List<UUID> members = Results.members(run.accepted());
        arrivals.awaitAll(members, EVENT_WAIT);
        arrivals.forget(members);
    }
}
