package cn.zhangzhou.partybuilding.testing.awaiting;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.awaitility.pollinterval.PollInterval;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * How every test JVM that has this library awaits asynchronous work (registered in
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}, so no test has to ask).
 *
 * <p>Awaitility's default first looks after 100 ms and then every 100 ms. An event crosses the broker and a consumer
 * in a few milliseconds here, so most awaits were done long before their first look, and the scope matrices and
 * directory feeds await hundreds of times a class (volunteering's scope matrix took 64 s before, 56 s after). Now
 * the first look comes after {@link #FIRST_LOOK} and the gaps double up to {@link #LONGEST_GAP}: the same cadence as
 * before for what takes long, a few milliseconds for what does not. A test that sets its own poll delay or interval
 * keeps it.
 */
public final class AwaitilityDefaults implements LauncherSessionListener {

    static final Duration FIRST_LOOK = Duration.ofMillis(10);
    static final Duration LONGEST_GAP = Duration.ofMillis(100);

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Awaitility.setDefaultPollDelay(FIRST_LOOK);
        Awaitility.setDefaultPollInterval(doublingUpTo(LONGEST_GAP));
    }

    /** 10, 20, 40, 80 ms, then {@code longest} apart. */
    static PollInterval doublingUpTo(Duration longest) {
        return (pollCount, previous) -> {
            Duration doubled = pollCount <= 1 ? FIRST_LOOK : previous.multipliedBy(2);
            return doubled.compareTo(longest) > 0 ? longest : doubled;
        };
    }
}
