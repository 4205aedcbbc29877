package cn.zhangzhou.partybuilding.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {

    @Test
    void theClaimPathHasItsOwnDefaultLevelsAndContention() {
        BenchmarkOptions o = BenchmarkOptions.parse(new String[0], List.of(4, 8, 16));

        assertThat(o.levels()).containsExactly(4, 8, 16);
        assertThat(o.contenders()).containsExactly(4, 16);
        assertThat(o.rounds()).isEqualTo(40);
    }

    @Test
    void contendersRoundsAndDurationsAreRead() {
        BenchmarkOptions o = BenchmarkOptions.parse(new String[] {"--contenders", "2, 32", "--rounds", "5",
                "--duration", "7.5", "--levels", "16"}, List.of(4));

        assertThat(o.contenders()).containsExactly(2, 32);
        assertThat(o.rounds()).isEqualTo(5);
        assertThat(o.duration()).isEqualTo(Duration.ofMillis(7500));
        assertThat(o.levels()).containsExactly(16);
    }

    @Test
    void oneContenderIsNoContention() {
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--contenders", "1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--contenders");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--rounds", "0"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rounds");
    }
}
