package cn.zhangzhou.partybuilding.benchmark;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * When a JVM's warm-up may stop: after {@link #MINIMUM} of load, once every endpoint's last slice ran at most
 * {@link #RISE} faster than the one before it. A rate still rising by more means the JIT is still compiling (its
 * threads take one of the two cores while they do); a flat or falling one means it is done.
 */
final class WarmUp {

    static final Duration MINIMUM = Duration.ofSeconds(20);
    static final double RISE = 0.05;

    private final Map<String, double[]> rates = new LinkedHashMap<>();

    WarmUp(Collection<String> endpoints) {
        endpoints.forEach(e -> rates.put(e, new double[] {Double.NaN, Double.NaN}));
    }

    /** The rate of the latest slice on this endpoint. */
    void record(String endpoint, double perSecond) {
        double[] r = rates.get(endpoint);
        r[0] = r[1];
        r[1] = perSecond;
    }

    boolean steady(Duration elapsed) {
        if (elapsed.compareTo(MINIMUM) < 0) {
            return false;
        }
        return rates.values().stream().allMatch(r -> !Double.isNaN(r[0]) && r[1] <= r[0] * (1 + RISE));
    }

    /** For the log: each endpoint's last two slice rates. */
    String lastRates() {
        return rates.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.0f → %.0f req/s", e.getKey(), e.getValue()[0], e.getValue()[1]))
                .collect(Collectors.joining(", "));
    }
}
