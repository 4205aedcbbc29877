package cn.zhangzhou.partybuilding.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.ParameterException;

class ModeTest {

    @Test
    void gatewayIsTheFirstArgumentAndHasItsOwnLevels() {
        Mode mode = Benchmark.parse("gateway", "--levels", "4,16", "--duration", "5", "--jit-warmup", "15");

        assertThat(mode).isInstanceOf(GatewayBenchmark.class);
        assertThat(mode.levels()).containsExactly(4, 16);
        assertThat(mode.options.duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(mode.options.jitWarmup()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void gatewayDefaultsToOneToThirtyTwoClients() {
        assertThat(Benchmark.parse("gateway").levels()).containsExactly(1, 4, 8, 16, 32);
    }

    @Test
    void optionsOrNothingMeanTheWritePathWithAllArgumentsKept() {
        Mode mode = Benchmark.parse("--levels", "2");

        assertThat(mode).isInstanceOf(Benchmark.class);
        assertThat(mode.levels()).containsExactly(2);
        assertThat(Benchmark.parse()).isInstanceOf(Benchmark.class);
        assertThat(Benchmark.parse().levels()).containsExactly(1, 2, 4, 8, 16);
    }

    @Test
    void claimsKeepsItsLevels() {
        assertThat(Benchmark.parse("claims")).isInstanceOf(ClaimBenchmark.class);
        assertThat(Benchmark.parse("claims").levels()).containsExactly(4, 8, 16);
    }

    @Test
    void signUpsHasItsLevelsAndContention() {
        SignUpBenchmark mode = (SignUpBenchmark) Benchmark.parse("sign-ups", "--contenders", "8,64", "--rounds", "3");
        assertThat(mode.levels()).containsExactly(8, 16);
        assertThat(mode.contenders).containsExactly(8, 64);
        assertThat(mode.rounds).isEqualTo(3);
    }

    @Test
    void evaluationHasItsLevelsAndSizes() {
        EvaluationBenchmark mode = (EvaluationBenchmark) Benchmark.parse("evaluation", "--events", "1000", "--members",
                "50", "--codes", "70", "--duplicates", "3");
        assertThat(mode.levels()).containsExactly(8, 16);
        assertThat(List.of(mode.outcomes, mode.members, mode.codes, mode.duplicates)).containsExactly(1000, 50, 70, 3);
    }

    @Test
    void cityDefaultsToTheIssuesYearAndThreeSteadyRates() {
        CityBenchmark city = (CityBenchmark) Benchmark.parse("city");
        assertThat(city.members).isEqualTo(100_000);
        assertThat(city.events).isEqualTo(1_000_000);
        assertThat(city.rates).containsExactly(3, 30, 300);
        assertThat(((CityBenchmark) Benchmark.parse("city", "--events", "5000", "--rates", "10")).events)
                .isEqualTo(5000);
    }

    @Test
    void anUnknownCommandIsRefusedNotTakenForTheWritePath() {
        assertThatThrownBy(() -> Benchmark.parse("gatway", "--levels", "4"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("gatway");
    }

    @Test
    void aGatewayOptionErrorIsStillReported() {
        assertThatThrownBy(() -> Benchmark.parse("gateway", "--levels", "0"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--levels");
    }
}
