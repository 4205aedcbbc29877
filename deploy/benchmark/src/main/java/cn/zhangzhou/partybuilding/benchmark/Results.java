package cn.zhangzhou.partybuilding.benchmark;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** The figures of one run, and how they are computed from accepted commands and event arrivals. */
final class Results {

    private Results() {
    }

    /** Where the event arrival times come from: the Kafka consumer, or a table in a unit test. */
    @FunctionalInterface
    interface Arrivals {
        /** Arrival (nanoTime) of the member's MemberRegistered event, or null if it never came. */
        Long arrival(UUID member);
    }

    /**
     * Percentiles in milliseconds from a histogram of nanoseconds (HdrHistogram: nearest rank, 3 significant digits);
     * NaN when there were no samples.
     */
    record Latency(double p50, double p99, double max, long samples) {

        /** An empty histogram of nanoseconds; concurrent, so load threads record into it directly. */
        static Histogram histogram() {
            return new ConcurrentHistogram(3);
        }

        static Latency of(Histogram nanos) {
            if (nanos.getTotalCount() == 0) {
                return new Latency(Double.NaN, Double.NaN, Double.NaN, 0);
            }
            return new Latency(nanos.getValueAtPercentile(50) / 1e6, nanos.getValueAtPercentile(99) / 1e6,
                    nanos.getMaxValue() / 1e6, nanos.getTotalCount());
        }

        static Latency of(LongStream nanos) {
            Histogram h = histogram();
            nanos.forEach(h::recordValue);
            return of(h);
        }
    }

    /**
     * One write-path phase (a closed-loop level or the fixed-rate run).
     *
     * @param eventsPerSecond the phase's events divided by the time from its start to the last of them on Kafka
     * @param toKafka command accepted (201 received) → MemberRegistered received from Kafka, clamped at 0
     * @param command command sent → 201 received
     * @param serverMeanMillis mean time of POST /members inside the service (its http_server_requests metric)
     * @param missing accepted commands whose event did not arrive within the bounded wait
     */
    record WritePath(String label, int clients, double seconds, long accepted, double commandsPerSecond,
                     double eventsPerSecond, Latency toKafka, Latency command, long errors, String firstError,
                     long missing, long peakBacklog, long finalBacklog, long peakRssKiB, double serverMeanMillis) {

        static WritePath of(String label, Load.Run run, Arrivals arrivals, long missing, long peakBacklog,
                            long finalBacklog, long peakRssKiB, double serverMeanMillis) {
            List<Load.Command> accepted = run.accepted();
            Histogram toKafka = Latency.histogram();
            Histogram command = Latency.histogram();
            long lastArrival = run.startNanos();
            for (Load.Command c : accepted) {
                command.recordValue(c.acceptedNanos() - c.sentNanos());
                Long at = arrivals.arrival(c.member());
                if (at != null) {
                    // The consumer may see the event before the HTTP thread saw its 201: that is 0, not negative.
                    toKafka.recordValue(Math.max(0, at - c.acceptedNanos()));
                    lastArrival = Math.max(lastArrival, at);
                }
            }
            long n = toKafka.getTotalCount();
            double eventSeconds = (lastArrival - run.startNanos()) / 1e9;
            return new WritePath(label, run.clients(), run.seconds(), accepted.size(), accepted.size() / run.seconds(),
                    n == 0 ? 0 : n / eventSeconds, Latency.of(toKafka), Latency.of(command),
                    run.errors(), run.firstError(), missing, peakBacklog, finalBacklog, peakRssKiB, serverMeanMillis);
        }
    }

    /** A closed-loop level with its ceiling. */
    record Level(WritePath writePath, Ceiling.Run ceiling) {
        double ratio() {
            return writePath.commandsPerSecond() / ceiling.perSecond();
        }
    }

    static List<UUID> members(Collection<Load.Command> commands) {
        return commands.stream().map(Load.Command::member).toList();
    }
}
