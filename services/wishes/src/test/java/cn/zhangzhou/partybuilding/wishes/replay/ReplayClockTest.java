package cn.zhangzhou.partybuilding.wishes.replay;

import cn.zhangzhou.partybuilding.testing.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;


/** The dev-only replay clock (decision 0010): real time until set, then on from the set instant, and back. */
class ReplayClockTest {

    private final TestClock real = new TestClock();
    private final ReplayClock clock = new ReplayClock(real);

    @Test
    void showsRealTimeUntilSet() {
        real.set(Instant.parse("2026-11-25T08:00:00Z"));
        assertThat(clock.instant()).isEqualTo(real.instant());
        assertThat(clock.replaying()).isFalse();
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void runsOnFromTheSetInstantAtRealSpeedAndReturnsToRealTime() {
        real.set(Instant.parse("2026-11-25T08:00:00Z"));
        clock.set(Instant.parse("2015-03-01T01:00:00Z"));
        assertThat(clock.replaying()).isTrue();
        assertThat(clock.instant()).isEqualTo(Instant.parse("2015-03-01T01:00:00Z"));

        real.advance(Duration.ofSeconds(90));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2015-03-01T01:01:30Z"));

        // Back to an earlier replayed instant (the next wish of the replay): from there it runs on again.
        clock.set(Instant.parse("2015-02-01T00:00:00Z"));
        real.advance(Duration.ofSeconds(1));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2015-02-01T00:00:01Z"));

        clock.reset();
        assertThat(clock.replaying()).isFalse();
        assertThat(clock.instant()).isEqualTo(real.instant()).isEqualTo(Instant.parse("2026-11-25T08:01:31Z"));
    }

    @Test
    void isNotTheServiceClockUnlessSwitchedOn() throws Exception {
        // The bean and the endpoint exist only with zz.wishes.replay-clock=true: the condition sits on the class.
        var condition = ReplayClockController.class
                .getAnnotation(org.springframework.boot.autoconfigure.condition.ConditionalOnProperty.class);
        assertThat(condition.name()).containsExactly("zz.wishes.replay-clock");
        assertThat(condition.havingValue()).isEqualTo("true");
        assertThat(condition.matchIfMissing()).isFalse();
        assertThat(Clock.class).isAssignableFrom(ReplayClock.class);
    }
}
