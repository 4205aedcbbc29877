package cn.zhangzhou.partybuilding.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ModeTest {

    @Test
    void gatewayIsTheFirstArgumentAndHasItsOwnLevels() {
        String[] args = {"gateway", "--levels", "4,16", "--duration", "5", "--jit-warmup", "15"};

        Mode mode = Mode.of(args);
        BenchmarkOptions o = BenchmarkOptions.parse(mode.options(args), mode.defaultLevels());

        assertThat(mode).isEqualTo(Mode.GATEWAY);
        assertThat(o.levels()).containsExactly(4, 16);
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.jitWarmup()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void gatewayDefaultsToOneToThirtyTwoClients() {
        String[] args = {"gateway"};

        BenchmarkOptions o = BenchmarkOptions.parse(Mode.of(args).options(args), Mode.of(args).defaultLevels());

        assertThat(o.levels()).containsExactly(1, 4, 8, 16, 32);
    }

    @Test
    void optionsOrNothingMeanTheWritePathWithAllArgumentsKept() {
        String[] args = {"--levels", "2"};

        assertThat(Mode.of(args)).isEqualTo(Mode.MEMBERSHIP);
        assertThat(Mode.MEMBERSHIP.options(args)).containsExactly("--levels", "2");
        assertThat(Mode.of(new String[0])).isEqualTo(Mode.MEMBERSHIP);
        assertThat(Mode.MEMBERSHIP.defaultLevels()).containsExactly(1, 2, 4, 8, 16);
    }

    @Test
    void claimsKeepsItsLevels() {
        assertThat(Mode.of(new String[] {"claims"})).isEqualTo(Mode.CLAIMS);
        assertThat(Mode.CLAIMS.defaultLevels()).containsExactly(4, 8, 16);
    }

    @Test
    void anUnknownCommandIsRefusedNotTakenForTheWritePath() {
        assertThatThrownBy(() -> Mode.of(new String[] {"gatway", "--levels", "4"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gatway");
    }

    @Test
    void aGatewayOptionErrorIsStillReported() {
        String[] args = {"gateway", "--levels", "0"};

        assertThatThrownBy(() -> BenchmarkOptions.parse(Mode.of(args).options(args), Mode.of(args).defaultLevels()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--levels");
    }
}
