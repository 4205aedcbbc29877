package cn.zhangzhou.partybuilding.benchmark;

import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code traceparent} a relay stores with an event made in a request: a trace of its own, sampled one time in ten
 * as the services' default sampling has it (management.tracing.sampling.probability 0.1). The replays' consumers make
 * a span only for a sampled trace, so a benchmark's events without one would leave that cost out.
 */
final class Traceparents {

    private static final HexFormat HEX = HexFormat.of();

    private Traceparents() {
    }

    /** A request's traceparent made from the event's id, so a seeded year gives the same records every time. */
    static String ofARequest(UUID eventId) {
        long high = eventId.getMostSignificantBits();
        long low = eventId.getLeastSignificantBits();
        return "00-" + HEX.toHexDigits(high) + HEX.toHexDigits(low) + "-" + HEX.toHexDigits(high ^ Long.reverse(low))
                + (Math.floorMod(low, 10) == 0 ? "-01" : "-00");
    }

    static String ofARequest() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return ofARequest(new UUID(random.nextLong(), random.nextLong()));
    }
}
