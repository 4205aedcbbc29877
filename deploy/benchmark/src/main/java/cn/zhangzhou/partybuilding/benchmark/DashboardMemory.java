package cn.zhangzhou.partybuilding.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import cn.zhangzhou.partybuilding.platform.ServiceProcess;

/**
 * Every 250 ms the memory of a service JVM: its proportional and resident set sizes (Pss, Rss of
 * /proc/<pid>/smaps_rollup) and its heap in use (the sum of {@code jvm_memory_used_bytes{area="heap"}} of its public
 * /actuator/prometheus). Keeps the peaks since the last {@link #resetPeaks()}.
 */
final class DashboardMemory implements AutoCloseable {

    /** Peaks of a window, in MiB (NaN where nothing was sampled). */
    record Peaks(double pssMiB, double rssMiB, double heapUsedMiB) {
    }

    private final ServiceProcess service;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong pssKiB = new AtomicLong(-1);
    private final AtomicLong rssKiB = new AtomicLong(-1);
    private final AtomicLong heapBytes = new AtomicLong(-1);
    private final Thread thread;
    private volatile boolean running = true;

    DashboardMemory(ServiceProcess service) {
        this.service = service;
        this.thread = new Thread(this::run, "dashboard-memory");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (running) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(service.pid()), "smaps_rollup"))) {
                    if (line.startsWith("Pss:")) {
                        pssKiB.accumulateAndGet(kiB(line), Math::max);
                    } else if (line.startsWith("Rss:")) {
                        rssKiB.accumulateAndGet(kiB(line), Math::max);
                    }
                }
                heapBytes.accumulateAndGet(heapUsed(), Math::max);
            } catch (IOException | RuntimeException e) {
                // Not Linux, the process starting or gone: no sample this time.
            } catch (InterruptedException e) {
                return;
            }
            LockSupport.parkNanos(250_000_000L);
        }
    }

    private long heapUsed() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + service.port()
                + "/actuator/prometheus")).build();
        long sum = 0;
        for (String line : http.send(request, HttpResponse.BodyHandlers.ofString()).body().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum == 0 ? -1 : sum;
    }

    private static long kiB(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    Peaks resetPeaks() {
        return new Peaks(mib(pssKiB.getAndSet(-1) * 1024), mib(rssKiB.getAndSet(-1) * 1024),
                mib(heapBytes.getAndSet(-1)));
    }

    private static double mib(long bytes) {
        return bytes < 0 ? Double.NaN : bytes / 1024.0 / 1024.0;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        thread.join(2_000);
    }
}
