package cn.zhangzhou.partybuilding.benchmark;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/** Drives POST /members: closed loop with N clients, or open loop at a fixed rate. */
final class Load {

    /** One accepted command (201): the member it created, when it was sent and when the 201 arrived (nanoTime). */
    record Command(UUID member, long sentNanos, long acceptedNanos) {
    }

    /** What a run produced. */
    record Run(int clients, long startNanos, long endNanos, List<Command> accepted, long errors, String firstError) {
        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    private final HttpClient http;
    private final MembershipApi api;

    Load(HttpClient http, MembershipApi api) {
        this.http = http;
        this.api = api;
    }

    /** N client threads, each sending the next command as soon as the previous one was answered. */
    Run closedLoop(int clients, Duration duration) throws InterruptedException {
        ConcurrentLinkedQueue<Command> accepted = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    send(accepted, errors, firstError);
                }
            }, "client-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(duration.toMillis() + 60_000);
        }
        return new Run(clients, start, Math.max(end, System.nanoTime()), List.copyOf(accepted), errors.get(), firstError.get());
    }

    /**
     * Open loop: command i is due at start + i/rate whether or not earlier ones were answered (a
     * slow service does not slow the arrivals down), executed by a pool large enough not to be the
     * limit at the rates measured.
     */
    Run fixedRate(double perSecond, Duration duration, int threads) throws InterruptedException {
        ConcurrentLinkedQueue<Command> accepted = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long period = Math.max(1, Math.round(1e9 / perSecond));
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try {
            for (long due = start; due < end; due += period) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                pool.execute(() -> send(accepted, errors, firstError));
            }
        } finally {
            pool.shutdown();
            if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        }
        return new Run(threads, start, end, List.copyOf(accepted), errors.get(), firstError.get());
    }

    private void send(ConcurrentLinkedQueue<Command> accepted, AtomicLong errors, AtomicReference<String> firstError) {
        HttpRequest request = api.registerRequest();
        long sent = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            long at = System.nanoTime();
            if (r.statusCode() == 201) {
                accepted.add(new Command(MembershipApi.memberId(r.body()), sent, at));
            } else {
                errors.incrementAndGet();
                firstError.compareAndSet(null, r.statusCode() + " " + r.body());
            }
        } catch (IOException | RuntimeException e) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
