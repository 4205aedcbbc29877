package cn.zhangzhou.partybuilding.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmUpTest {

    private static final Duration LONG_ENOUGH = WarmUp.MINIMUM;

    @Test
    void aRisingRateIsNotSteady() {
        WarmUp w = new WarmUp(List.of("me", "member"));
        w.record("me", 500);
        w.record("member", 400);
        w.record("me", 900);
        w.record("member", 800);
        assertThat(w.steady(LONG_ENOUGH)).isFalse();
    }

    @Test
    void everyEndpointFlatWithinFivePercentIsSteady() {
        WarmUp w = new WarmUp(List.of("me", "member"));
        w.record("me", 2000);
        w.record("member", 1000);
        w.record("me", 2090);
        w.record("member", 950);
        assertThat(w.steady(LONG_ENOUGH)).isTrue();
        assertThat(w.lastRates()).isEqualTo("me 2000 → 2090 req/s, member 1000 → 950 req/s");
    }

    @Test
    void oneEndpointStillRisingKeepsTheWarmUpGoing() {
        WarmUp w = new WarmUp(List.of("me", "member"));
        w.record("me", 2000);
        w.record("member", 500);
        w.record("me", 2000);
        w.record("member", 700);
        assertThat(w.steady(LONG_ENOUGH)).isFalse();
    }

    @Test
    void neverBeforeTheMinimumNorWithOneSliceOnly() {
        WarmUp w = new WarmUp(List.of("me"));
        w.record("me", 2000);
        assertThat(w.steady(LONG_ENOUGH)).as("one slice: nothing to compare").isFalse();
        w.record("me", 2000);
        assertThat(w.steady(LONG_ENOUGH.minusSeconds(1))).isFalse();
        assertThat(w.steady(LONG_ENOUGH)).isTrue();
    }
}
