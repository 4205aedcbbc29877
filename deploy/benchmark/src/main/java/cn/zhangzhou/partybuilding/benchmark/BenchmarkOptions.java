package cn.zhangzhou.partybuilding.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line options of the benchmark.
 *
 * @param levels client concurrency levels, run in this order
 * @param duration measured time per level (write path and ceiling alike)
 * @param warmup unmeasured load before each level
 * @param jitWarmup unmeasured load (8 clients) before the first level, so the JIT has compiled the service's
 *                  hot path: on 2 cores C2 still takes ~40 % of the CPU after 10 s of load (async-profiler);
 *                  in gateway mode the most each target gets, see {@code WarmUp}
 * @param fixedRateDuration length of the open-loop run at half the best write-path rate
 * @param fixedRate commands/s of that run; 0 = half the best measured rate
 * @param serviceJvmArgs extra JVM options for the service child (e.g. {@code -XX:StartFlightRecording=...})
 * @param keepDir keep the temp dir (logs, JFR files) instead of deleting it
 * @param contenders claim path only: members claiming one wish at the same instant, per contended level
 * @param rounds claim path only: wishes claimed under contention per contended level
 */
record BenchmarkOptions(List<Integer> levels, Duration duration, Duration warmup, Duration jitWarmup,
                        Duration fixedRateDuration,
                        double fixedRate, List<String> serviceJvmArgs, boolean keepDir,
                        List<Integer> contenders, int rounds) {

    static final String USAGE = """
            usage: java -jar deploy/benchmark/target/benchmark.jar [claims|gateway] [options]   (from the repository root)
              (no command)              the membership write path (POST /members) against its ceiling
              claims                    the wishes claim path: spread claims against their ceiling, then
                                        contended claims (one wish, many claimers at once)
              gateway                   GET /me and GET /members/{id} direct, through a bare Spring Cloud
                                        Gateway and through the real gateway (all filters on), then each at
                                        half the direct maximum rate (open loop); --service-jvm-arg applies to
                                        all three child JVMs
              --levels 1,2,4,8,16       client concurrency levels (claims: 4,8,16; gateway: 1,4,8,16,32)
              --duration 15             measured seconds per level (write path and ceiling)
              --warmup 3                unmeasured seconds before each level
              --jit-warmup 60           unmeasured seconds of load (8 clients) before the first level
                                        (gateway: at most this long per target, less once its rate is steady)
              --fixed-rate-duration 30  seconds of the open-loop run at half the best rate (gateway: per target)
              --fixed-rate 0            commands/s of that run (0 = half the best measured rate; gateway: half
                                        the best direct rate of each endpoint)
              --service-jvm-arg ARG     extra JVM option for the service (repeatable), e.g.
                                        -XX:StartFlightRecording=filename=/tmp/membership.jfr,settings=profile
              --keep                    keep the temp dir (service log, infra log) after the run
              --contenders 4,16         claims only: members claiming one wish at once, per contended level
              --rounds 40               claims only: wishes claimed under contention per contended level
            """;

    static BenchmarkOptions parse(String[] args) {
        return parse(args, List.of(1, 2, 4, 8, 16));
    }

    static BenchmarkOptions parse(String[] args, List<Integer> defaultLevels) {
        List<Integer> levels = defaultLevels;
        List<Integer> contenders = List.of(4, 16);
        int rounds = 40;
        Duration duration = Duration.ofSeconds(15);
        Duration warmup = Duration.ofSeconds(3);
        Duration jitWarmup = Duration.ofSeconds(60);
        Duration fixedRateDuration = Duration.ofSeconds(30);
        double fixedRate = 0;
        List<String> jvmArgs = new ArrayList<>();
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--levels" -> levels = Arrays.stream(value(args, ++i, a).split(","))
                        .map(String::strip).map(Integer::parseInt).toList();
                case "--duration" -> duration = seconds(value(args, ++i, a));
                case "--warmup" -> warmup = seconds(value(args, ++i, a));
                case "--jit-warmup" -> jitWarmup = seconds(value(args, ++i, a));
                case "--fixed-rate-duration" -> fixedRateDuration = seconds(value(args, ++i, a));
                case "--fixed-rate" -> fixedRate = Double.parseDouble(value(args, ++i, a));
                case "--service-jvm-arg" -> jvmArgs.add(value(args, ++i, a));
                case "--keep" -> keep = true;
                case "--contenders" -> contenders = Arrays.stream(value(args, ++i, a).split(","))
                        .map(String::strip).map(Integer::parseInt).toList();
                case "--rounds" -> rounds = Integer.parseInt(value(args, ++i, a));
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (levels.isEmpty() || levels.stream().anyMatch(n -> n < 1 || n > 256)) {
            throw new IllegalArgumentException("--levels must be 1..256 each: " + levels);
        }
        if (duration.isZero() || fixedRateDuration.isZero() || fixedRate < 0) {
            throw new IllegalArgumentException("durations must be > 0 and --fixed-rate >= 0");
        }
        if (contenders.isEmpty() || contenders.stream().anyMatch(n -> n < 2 || n > 256) || rounds < 1) {
            throw new IllegalArgumentException("--contenders must be 2..256 each and --rounds >= 1");
        }
        return new BenchmarkOptions(levels, duration, warmup, jitWarmup, fixedRateDuration, fixedRate, List.copyOf(jvmArgs), keep,
                contenders, rounds);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static Duration seconds(String s) {
        double v = Double.parseDouble(s);
        if (v < 0 || v > 3600) {
            throw new IllegalArgumentException("seconds must be 0..3600: " + s);
        }
        return Duration.ofMillis(Math.round(v * 1000));
    }
}
