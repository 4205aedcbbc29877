package cn.zhangzhou.partybuilding.messaging;

/**
 * Wakes the relay of this instance when an outbox transaction commits, so a single event does not
 * wait for the next poll. Polling stays the safety net (other instances, missed signals).
 */
public final class OutboxSignal {

    private boolean signalled;

    public synchronized void signal() {
        signalled = true;
        notifyAll();
    }

    /** Waits up to {@code millis} or until signalled; clears the signal. */
    synchronized void await(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!signalled) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        signalled = false;
    }
}
