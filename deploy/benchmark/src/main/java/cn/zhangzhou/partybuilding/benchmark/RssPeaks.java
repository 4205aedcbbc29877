package cn.zhangzhou.partybuilding.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import cn.zhangzhou.partybuilding.platform.ServiceProcess;

/** Every 200 ms the resident set size of each child JVM; keeps each one's peak over the whole run. */
final class RssPeaks implements AutoCloseable {

    private final Map<String, ServiceProcess> children;
    private final Map<String, Long> peaks = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    RssPeaks(Map<String, ServiceProcess> children) {
        this.children = new LinkedHashMap<>(children);
        this.thread = new Thread(this::run, "rss-peaks");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (running) {
            children.forEach((name, child) -> {
                long rss = child.rssKiB();
                if (rss > 0) {
                    peaks.merge(name, rss, Math::max);
                }
            });
            // The sampling period (interrupted by close()).
            LockSupport.parkNanos(200_000_000L);
        }
    }

    /** Peak RSS in MiB per child, in the order given; -1 where no sample was taken. */
    Map<String, Double> peaksMiB() {
        Map<String, Double> result = new LinkedHashMap<>();
        children.keySet().forEach(name -> result.put(name, peaks.getOrDefault(name, -1024L) / 1024.0));
        return result;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        thread.join(2000);
    }
}
