package cn.zhangzhou.partybuilding.local;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The demo loaders' threads: their requests in flight at once, enough to keep two cores busy while each waits on its
 * answer, not so many that they only queue for the services' threads and connections.
 */
final class Parallel implements AutoCloseable {

    static final int THREADS = 6;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    /**
     * Runs {@code task} for every item and waits until each has ended; then rethrows the first failure. No task is
     * interrupted by another's failure: a replay must get to return its clock to real time.
     */
    <T> void forEach(Collection<T> items, Consumer<T> task) {
        List<Future<?>> futures = new ArrayList<>();
        for (T item : items) {
            futures.add(pool.submit(() -> task.accept(item)));
        }
        RuntimeException first = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
