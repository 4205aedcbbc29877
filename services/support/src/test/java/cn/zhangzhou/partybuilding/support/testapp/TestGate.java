package cn.zhangzhou.partybuilding.support.testapp;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * Lets a test hold a create in the middle (to send a concurrent duplicate, or to kill its database connection after
 * its effect) or make the next one fail.
 */
@Component
public class TestGate {

    private volatile CountDownLatch entered = new CountDownLatch(0);
    private volatile CountDownLatch release = new CountDownLatch(0);
    private volatile boolean afterEffect;
    private final AtomicBoolean failNext = new AtomicBoolean();

    /** The next gated create stops before it writes anything. */
    public void hold() {
        hold(false);
    }

    /** The next gated create stops after its row was written, before its transaction commits. */
    public void holdAfterEffect() {
        hold(true);
    }

    private void hold(boolean afterEffect) {
        this.afterEffect = afterEffect;
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    public boolean awaitEntered() throws InterruptedException {
        return entered.await(10, TimeUnit.SECONDS);
    }

    public void open() {
        release.countDown();
    }

    public void failNext() {
        failNext.set(true);
    }

    void beforeEffect() throws InterruptedException {
        if (!afterEffect) {
            pass();
        }
        if (failNext.getAndSet(false)) {
            throw new IllegalStateException("deliberate failure of the first attempt");
        }
    }

    void afterEffect() throws InterruptedException {
        if (afterEffect) {
            pass();
        }
    }

    private void pass() throws InterruptedException {
        entered.countDown();
        if (!release.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("test gate was never opened");
        }
    }
}
