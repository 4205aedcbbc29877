package cn.zhangzhou.partybuilding.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The city mode end to end on a small year, against the built dashboard jar: it exits 0 only when each of the three
 * rebuilds committed every event, the city's figures equal what the year holds and the sum of the districts'
 * (before and after the live phase).
 */
class CityBenchmarkTest {

    @Test
    void aSmallYearIsRebuiltThreeTimesWithEveryFigureRight() throws Exception {
        Mode city = Benchmark.parse("city", "--members", "1100", "--events", "8000", "--rates", "20",
                "--rate-seconds", "2");

        assertThat(city.call()).isZero();
    }
}
