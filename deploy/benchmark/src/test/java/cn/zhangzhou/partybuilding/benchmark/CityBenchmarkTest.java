package cn.zhangzhou.partybuilding.benchmark;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.zhangzhou.partybuilding.platform.RepositoryRoot;

/**
 * The city mode end to end on a small year, against the built dashboard jar: it passes only when each of the three
 * rebuilds committed every event, the city's figures equal what the year holds and the sum of the districts'
 * (before and after the live phase). The mode is measured directly rather than through {@code call()}, so a failure
 * arrives here with its reason (a stalled rebuild: the dashboard's offsets, log and threads) instead of an exit code.
 */
class CityBenchmarkTest {

    @Test
    void aSmallYearIsRebuiltThreeTimesWithEveryFigureRight(@TempDir Path dir) throws Exception {
        CityBenchmark city = (CityBenchmark) Benchmark.parse("city", "--members", "1100", "--events", "8000",
                "--rates", "20", "--rate-seconds", "2");
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            city.bench = Bench.start(RepositoryRoot.require(Path.of("")), dir, List.of(), resources, System.out);
            city.measure(Machine.describe());
        } finally {
            // The mode's own (its producer) first, then the bench's (the dashboards, Kafka, PostgreSQL).
            city.resources.forEach(resources::push);
            for (AutoCloseable r : resources) {
                r.close();
            }
        }
    }
}
