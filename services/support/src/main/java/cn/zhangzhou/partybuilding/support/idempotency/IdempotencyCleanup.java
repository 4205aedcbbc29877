package cn.zhangzhou.partybuilding.support.idempotency;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Purges expired Idempotency-Keys periodically. Its own single daemon thread rather than {@code @Scheduled}, so a
 * service does not get scheduling switched on just by adding this module.
 */
public class IdempotencyCleanup implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyCleanup.class);

    private final IdempotencyStore store;
    private final IdempotencyProperties properties;
    private ScheduledExecutorService executor;

    public IdempotencyCleanup(IdempotencyStore store, IdempotencyProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** One purge now; returns the number of keys removed. */
    public int purgeExpired() {
        int purged = store.purge(properties.retention());
        if (purged > 0) {
            log.debug("Purged {} expired idempotency keys", purged);
        }
        return purged;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "idempotency-cleanup");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.cleanupInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                purgeExpired();
            } catch (RuntimeException e) {
                // The database may be briefly away; the next round tries again.
                log.warn("Purging expired idempotency keys failed: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
