package cn.zhangzhou.partybuilding.messaging;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;

/** Reads the current span of Micrometer Tracing (Brave or OpenTelemetry bridge alike). */
public final class MicrometerTraceparentSource implements TraceparentSource {

    private final Tracer tracer;

    public MicrometerTraceparentSource(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * Also the context of a request that was not sampled (flags {@code 00}): its events keep its trace id, for the
     * logs, and their spans are not sampled either.
     */
    @Override
    public String current() {
        Span span = tracer.currentSpan();
        return span == null ? null : format(span.context());
    }

    /** {@code 00-<32 hex trace id>-<16 hex span id>-<flags>}; 64-bit (Brave) trace ids are left-padded. */
    static String format(TraceContext context) {
        String traceId = context.traceId();
        String spanId = context.spanId();
        if (traceId == null || spanId == null || traceId.isEmpty() || spanId.isEmpty()) {
            return null;
        }
        String flags = Boolean.TRUE.equals(context.sampled()) ? "01" : "00";
        return "00-" + leftPad(traceId, 32) + "-" + leftPad(spanId, 16) + "-" + flags;
    }

    private static String leftPad(String hex, int length) {
        return hex.length() >= length ? hex : "0".repeat(length - hex.length()) + hex;
    }
}
