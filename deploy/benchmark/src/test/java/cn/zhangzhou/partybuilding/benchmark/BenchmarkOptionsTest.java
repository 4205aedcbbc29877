package cn.zhangzhou.partybuilding.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.ParameterException;

class BenchmarkOptionsTest {

    @Test
    void theClaimPathHasItsOwnDefaultLevelsAndContention() {
        ClaimBenchmark o = (ClaimBenchmark) Benchmark.parse("claims");

        assertThat(o.levels()).containsExactly(4, 8, 16);
        assertThat(o.contenders).containsExactly(4, 16);
        assertThat(o.rounds).isEqualTo(40);
    }

    @Test
    void contendersRoundsAndDurationsAreRead() {
        ClaimBenchmark o = (ClaimBenchmark) Benchmark.parse("claims", "--contenders", "2, 32", "--rounds", "5",
                "--duration", "7.5", "--levels", "16");

        assertThat(o.contenders).containsExactly(2, 32);
        assertThat(o.rounds).isEqualTo(5);
        assertThat(o.options.duration()).isEqualTo(Duration.ofMillis(7500));
        assertThat(o.levels()).containsExactly(16);
    }

    @Test
    void oneContenderIsNoContention() {
        assertThatThrownBy(() -> Benchmark.parse("claims", "--contenders", "1"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--contenders");
        assertThatThrownBy(() -> Benchmark.parse("claims", "--rounds", "0"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--rounds");
    }

    @Test
    void durationsMustBePositiveAndTheFixedRateNotNegative() {
        assertThatThrownBy(() -> Benchmark.parse("--duration", "0")).hasMessageContaining("--duration");
        assertThatThrownBy(() -> Benchmark.parse("--fixed-rate-duration", "0")).hasMessageContaining("--fixed-rate-duration");
        assertThatThrownBy(() -> Benchmark.parse("--fixed-rate", "-1")).hasMessageContaining("--fixed-rate");
        assertThatThrownBy(() -> Benchmark.parse("--warmup", "3601")).hasMessageContaining("--warmup");
        assertThat(Benchmark.parse("--warmup", "0").options.warmup()).isZero();
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        Mode mode = Benchmark.parse();
        BenchmarkOptions o = mode.options;
        assertThat(mode.levels()).containsExactly(1, 2, 4, 8, 16);
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(o.fixedRateDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.fixedRate()).isZero();
        assertThat(o.keepDir()).isFalse();
    }

    @Test
    void optionsAreParsedAndRepeatableJvmArgsKept() {
        Mode mode = Benchmark.parse("--levels", "2, 8", "--duration", "1.5",
                "--service-jvm-arg", "-Xlog:gc", "--service-jvm-arg", "-XX:+UnlockDiagnosticVMOptions", "--keep");
        BenchmarkOptions o = mode.options;
        assertThat(mode.levels()).containsExactly(2, 8);
        assertThat(o.duration()).isEqualTo(Duration.ofMillis(1500));
        assertThat(o.serviceJvmArgs()).containsExactly("-Xlog:gc", "-XX:+UnlockDiagnosticVMOptions");
        assertThat(o.keepDir()).isTrue();
    }

    @Test
    void badOptionsAreRefused() {
        assertThatThrownBy(() -> Benchmark.parse("--levels", "0"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--levels");
        assertThatThrownBy(() -> Benchmark.parse("--duration"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("Missing required parameter for option '--duration'");
        assertThatThrownBy(() -> Benchmark.parse("--fast"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("Unknown option: '--fast'");
    }
}
