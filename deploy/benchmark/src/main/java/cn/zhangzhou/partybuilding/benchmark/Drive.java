package cn.zhangzhou.partybuilding.benchmark;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * How every load of the benchmark is driven: closed loop (each client sends again as soon as it was answered) or
 * open loop (requests due at a fixed rate whether or not earlier ones were answered, so a slow target does not
 * slow the arrivals down).
 */
final class Drive {

    private Drive() {
    }

    /** What a request of an open loop is given: its number and when it was due ({@link System#nanoTime()}). */
    @FunctionalInterface
    interface Due {
        void send(int index, long dueNanos);
    }

    /**
     * {@code clients} threads, each calling its {@code send} back to back until {@code duration} is over or it answers
     * false (nothing left to send).
     *
     * @param send client number → what that client sends
     * @return when the last client stopped ({@link System#nanoTime()})
     */
    static long closedLoop(int clients, Duration duration, String name, IntFunction<BooleanSupplier> send)
            throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong lastEnd = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            BooleanSupplier client = send.apply(i);
            Thread t = new Thread(() -> {
                boolean more = true;
                while (more && System.nanoTime() < end) {
                    more = client.getAsBoolean();
                }
                lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
            }, name + "-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(duration.toMillis() + 60_000);
        }
        return lastEnd.get();
    }

    /**
     * Request i due at start + i/rate for {@code duration}, sent by a pool of {@code threads} large enough not to
     * be the limit at the rates measured; returns when all were answered (or a minute after the last was due).
     */
    static void openLoop(double perSecond, Duration duration, int threads, Due send) throws InterruptedException {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("the rate must be > 0: " + perSecond);
        }
        long period = Math.max(1, Math.round(1e9 / perSecond));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        int i = 0;
        try {
            for (long due = start; due < end; due += period, i++) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int index = i;
                long dueAt = due;
                pool.execute(() -> send.send(index, dueAt));
            }
        } finally {
            pool.shutdown();
            if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        }
    }

    /** {@code n} requests released at the same instant, one thread each; their answers in order. */
    static Answer[] atOnce(HttpClient http, int n, IntFunction<HttpRequest> request)
            throws InterruptedException {
        Answer[] answers = new Answer[n];
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int slot = i;
            HttpRequest r = request.apply(i);
            Thread t = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                answers[slot] = Answer.send(http, r);
            }, "contender-" + i);
            t.start();
            threads.add(t);
        }
        ready.await();
        go.countDown();
        for (Thread t : threads) {
            t.join(60_000);
        }
        return answers;
    }

    /** Failed requests or transactions of a run: how many, and the first one's description for the report. */
    static final class Failures {

        private final AtomicLong count = new AtomicLong();
        private final AtomicReference<String> first = new AtomicReference<>();

        void add(String what) {
            count.incrementAndGet();
            first.compareAndSet(null, what);
        }

        long count() {
            return count.get();
        }

        String first() {
            return first.get();
        }
    }
}
