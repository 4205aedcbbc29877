package cn.zhangzhou.partybuilding.embedded;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping a child process the same way everywhere: SIGTERM for a graceful shutdown, SIGKILL after the grace. */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    /** Asks the process to end, waits up to {@code grace}, then kills it (also when interrupted while waiting). */
    public static void stop(Process process, Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
