package cn.zhangzhou.partybuilding.wishes.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that a demo replay may move to a past instant, from which it runs on at real speed, and back to
 * real time. Only a development deployment that loads a past year of demo history (漳浦县绥安镇城西社区 2015)
 * has it; see decision 0010. Running on (rather than standing still) keeps the transitions of one replayed
 * day in order.
 */
final class ReplayClock extends Clock {

    /** The replayed instant and the real instant it was set at; null: real time. */
    private record Shift(Instant to, Instant setAt) {
    }

    private final Clock real;
    private final AtomicReference<Shift> shift = new AtomicReference<>();

    ReplayClock(Clock real) {
        this.real = real;
    }

    /** From now on the clock reads {@code to} plus the real time passed since this call. */
    void set(Instant to) {
        shift.set(new Shift(to, real.instant()));
    }

    /** Back to real time. */
    void reset() {
        shift.set(null);
    }

    boolean replaying() {
        return shift.get() != null;
    }

    @Override
    public Instant instant() {
        Instant now = real.instant();
        Shift s = shift.get();
        return s == null ? now : s.to().plus(Duration.between(s.setAt(), now));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the replay clock is UTC");
    }
}
