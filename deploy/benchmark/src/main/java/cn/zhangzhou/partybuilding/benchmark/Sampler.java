package cn.zhangzhou.partybuilding.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

import cn.zhangzhou.partybuilding.platform.ServiceProcess;

/**
 * Every 100 ms: the outbox backlog ({@code select count(*) from outbox_event} in the service's database)
 * and the service's resident set size. Keeps the peaks since the last {@link #resetPeaks()}.
 */
final class Sampler implements AutoCloseable {

    static final long INTERVAL_MILLIS = 100;

    private final Connection connection;
    private final PreparedStatement backlogQuery;
    private final ServiceProcess service;
    private final AtomicLong peakBacklog = new AtomicLong();
    private final AtomicLong peakRssKiB = new AtomicLong();
    private final AtomicLong overallPeakRssKiB = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    Sampler(String jdbcUrl, String user, ServiceProcess service) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl, user, "");
        this.connection.setAutoCommit(true);
        this.backlogQuery = connection.prepareStatement("select count(*) from outbox_event");
        this.service = service;
        this.thread = new Thread(this::run, "sampler");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (running) {
            long next = System.nanoTime() + INTERVAL_MILLIS * 1_000_000;
            try {
                long backlog = backlog();
                peakBacklog.accumulateAndGet(backlog, Math::max);
            } catch (SQLException e) {
                // PostgreSQL going away at the end of the run: stop sampling quietly.
                if (running) {
                    System.err.println("backlog sample failed: " + e.getMessage());
                }
            }
            long rss = service.rssKiB();
            peakRssKiB.accumulateAndGet(rss, Math::max);
            overallPeakRssKiB.accumulateAndGet(rss, Math::max);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
        }
    }

    synchronized long backlog() throws SQLException {
        try (ResultSet rs = backlogQuery.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Peak backlog and peak RSS (KiB) since the last call; starts a new window. */
    synchronized long[] resetPeaks() {
        return new long[] {peakBacklog.getAndSet(0), peakRssKiB.getAndSet(0)};
    }

    long overallPeakRssKiB() {
        return overallPeakRssKiB.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2_000);
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing on the way out; nothing to do about it.
        }
    }
}
