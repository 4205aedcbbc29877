package cn.zhangzhou.partybuilding.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** The arithmetic behind the printed figures, and the option parsing. */
class ResultsTest {

    private static final long MS = 1_000_000;

    @Test
    void percentilesUseTheNearestRank() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = (100 - i) * MS; // unsorted on purpose: 100 ms .. 1 ms
        }
        Results.Latency l = Results.Latency.of(LongStream.of(nanos));
        // HdrHistogram keeps 3 significant digits: each figure within 0.1 ms (0.1 %) of its rank's value.
        assertThat(l.p50()).isCloseTo(50.0, within(0.1));
        assertThat(l.p99()).isCloseTo(99.0, within(0.1));
        assertThat(l.max()).isCloseTo(100.0, within(0.1));
        assertThat(l.samples()).isEqualTo(100);
    }

    @Test
    void noSamplesGiveNaNRatherThanZero() {
        Results.Latency l = Results.Latency.of(LongStream.empty());
        assertThat(l.p50()).isNaN();
        assertThat(l.samples()).isZero();
    }

    @Test
    void writePathCountsAcceptedCommandsAndClampsEarlyArrivalsAtZero() throws Exception {
        UUID early = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        UUID lost = UUID.randomUUID();
        long start = 0;
        List<Load.Command> accepted = List.of(
                new Load.Command(early, 1 * MS, 5 * MS),
                new Load.Command(late, 2 * MS, 6 * MS),
                new Load.Command(lost, 3 * MS, 7 * MS));
        Load.Run run = new Load.Run(2, start, 1000 * MS, accepted, 1, "500 boom");
        Map<UUID, Long> seen = Map.of(early, 4 * MS, late, 26 * MS);
        Results.Arrivals arrivals = seen::get;

        Results.WritePath w = Results.WritePath.of("2", run, arrivals, 1, 7, 0, 1024, 3.0);

        assertThat(w.accepted()).isEqualTo(3);
        assertThat(w.commandsPerSecond()).isEqualTo(3.0);
        // The event that was seen before the 201 counts as 0 ms, not as a negative latency.
        assertThat(w.toKafka().samples()).isEqualTo(2);
        assertThat(w.toKafka().p50()).isEqualTo(0.0);
        assertThat(w.toKafka().max()).isCloseTo(20.0, within(0.1));
        // Two events by the time the last arrived (26 ms after the start).
        assertThat(w.eventsPerSecond()).isEqualTo(2 / 0.026, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(w.command().max()).isCloseTo(4.0, within(0.1));
        assertThat(w.errors()).isEqualTo(1);
        assertThat(w.missing()).isEqualTo(1);
    }
}
