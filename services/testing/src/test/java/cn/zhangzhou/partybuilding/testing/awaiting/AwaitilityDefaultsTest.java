package cn.zhangzhou.partybuilding.testing.awaiting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import org.awaitility.pollinterval.PollInterval;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherSessionListener;

class AwaitilityDefaultsTest {

    @Test
    void theGapsDoubleFromTheFirstLookUpToTheLongest() {
        PollInterval interval = AwaitilityDefaults.doublingUpTo(Duration.ofMillis(100));
        List<Long> gaps = new ArrayList<>();
        Duration previous = Duration.ZERO;
        for (int poll = 1; poll <= 7; poll++) {
            previous = interval.next(poll, previous);
            gaps.add(previous.toMillis());
        }
        assertThat(gaps).containsExactly(10L, 20L, 40L, 80L, 100L, 100L, 100L);
    }

    @Test
    void everyTestJvmWithTheLibraryLoadsTheListener() {
        assertThat(ServiceLoader.load(LauncherSessionListener.class).stream().map(ServiceLoader.Provider::type))
                .contains(AwaitilityDefaults.class);
    }
}
