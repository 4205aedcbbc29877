package cn.zhangzhou.partybuilding.benchmark;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

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

    /** Percentiles in milliseconds (nearest rank); NaN when there were no samples. */
    record Latency(double p50, double p99, double max, int samples) {
        static Latency of(long[] nanos) {
            if (nanos.length == 0) {
                return new Latency(Double.NaN, Double.NaN, Double.NaN, 0);
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Latency(rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1] / 1e6, sorted.length);
        }

        private static double rank(long[] sorted, double q) {
            int i = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
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
            long[] toKafka = new long[accepted.size()];
            long[] command = new long[accepted.size()];
            int n = 0;
            long lastArrival = run.startNanos();
            for (int i = 0; i < accepted.size(); i++) {
                Load.Command c = accepted.get(i);
                command[i] = c.acceptedNanos() - c.sentNanos();
                Long at = arrivals.arrival(c.member());
                if (at != null) {
                    // The consumer may see the event before the HTTP thread saw its 201: that is 0, not negative.
                    toKafka[n++] = Math.max(0, at - c.acceptedNanos());
                    lastArrival = Math.max(lastArrival, at);
                }
            }
            double eventSeconds = (lastArrival - run.startNanos()) / 1e9;
            return new WritePath(label, run.clients(), run.seconds(), accepted.size(), accepted.size() / run.seconds(),
                    n == 0 ? 0 : n / eventSeconds, Latency.of(Arrays.copyOf(toKafka, n)), Latency.of(command),
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
