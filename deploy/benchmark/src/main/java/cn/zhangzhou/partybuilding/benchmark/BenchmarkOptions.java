package cn.zhangzhou.partybuilding.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The options every mode of the benchmark takes (a picocli mixin). */
final class BenchmarkOptions {

    @Option(names = "--levels", split = ",", paramLabel = "N", converter = Clients.class,
            description = "client concurrency levels, in this order (default 1,2,4,8,16; claims 4,8,16; gateway 1,4,8,16,32)")
    private List<Integer> levels;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "15", converter = PositiveSeconds.class,
            description = "measured seconds per level, write path and ceiling (default ${DEFAULT-VALUE})")
    private Duration duration;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "3", converter = Seconds.class,
            description = "unmeasured seconds before each level (default ${DEFAULT-VALUE})")
    private Duration warmup;

    /**
     * Unmeasured load (8 clients) before the first level, so the JIT has compiled the service's hot path: on 2 cores
     * C2 still takes ~40 % of the CPU after 10 s of load (async-profiler); in gateway mode the most each target gets.
     */
    @Option(names = "--jit-warmup", paramLabel = "SECONDS", defaultValue = "60", converter = Seconds.class,
            description = "unmeasured seconds of load (8 clients) before the first level (gateway: at most this long "
                    + "per target, less once its rate is steady; default ${DEFAULT-VALUE})")
    private Duration jitWarmup;

    @Option(names = "--fixed-rate-duration", paramLabel = "SECONDS", defaultValue = "30", converter = PositiveSeconds.class,
            description = "seconds of the open-loop run at half the best rate (gateway: per target; default ${DEFAULT-VALUE})")
    private Duration fixedRateDuration;

    @Option(names = "--fixed-rate", paramLabel = "PER_SECOND", defaultValue = "0", converter = Rate.class,
            description = "rate of that run; 0 = half the best measured rate (gateway: half the best direct rate of "
                    + "each endpoint)")
    private double fixedRate;

    @Option(names = "--service-jvm-arg", paramLabel = "ARG", description = "extra JVM option of the service (gateway: "
            + "of all three child JVMs; repeatable), e.g. -XX:StartFlightRecording=filename=/tmp/s.jfr,settings=profile")
    private List<String> serviceJvmArgs = new ArrayList<>();

    @Option(names = "--keep", description = "keep the temp dir (service log, infra log, JFR files) after the run")
    private boolean keepDir;

    /** The given levels, or null for the mode's default. */
    List<Integer> levels() {
        return levels;
    }

    Duration duration() {
        return duration;
    }

    Duration warmup() {
        return warmup;
    }

    Duration jitWarmup() {
        return jitWarmup;
    }

    Duration fixedRateDuration() {
        return fixedRateDuration;
    }

    double fixedRate() {
        return fixedRate;
    }

    List<String> serviceJvmArgs() {
        return List.copyOf(serviceJvmArgs);
    }

    boolean keepDir() {
        return keepDir;
    }

    /** Seconds, fractions allowed, up to an hour. */
    static class Seconds implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            double v = Double.parseDouble(value);
            if (v < 0 || v > 3600) {
                throw new TypeConversionException("seconds must be 0..3600: " + value);
            }
            return Duration.ofMillis(Math.round(v * 1000));
        }
    }

    static final class PositiveSeconds extends Seconds {
        @Override
        public Duration convert(String value) {
            Duration d = super.convert(value);
            if (d.isZero()) {
                throw new TypeConversionException("must be more than 0 seconds: " + value);
            }
            return d;
        }
    }

    /** Clients of a level: 1 to 256. */
    static final class Clients implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return within(value, 1, 256);
        }
    }

    static final class Rate implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double v = Double.parseDouble(value);
            if (v < 0) {
                throw new TypeConversionException("must be 0 or more: " + value);
            }
            return v;
        }
    }

    static int within(String value, int min, int max) {
        int n = Integer.parseInt(value.strip());
        if (n < min || n > max) {
            throw new TypeConversionException("must be " + min + ".." + max + ": " + value.strip());
        }
        return n;
    }
}
