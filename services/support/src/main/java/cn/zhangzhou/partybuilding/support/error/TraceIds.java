package cn.zhangzhou.partybuilding.support.error;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.slf4j.MDC;

/** The trace id of the current request, so a client can quote it and an operator can find the logs. */
public final class TraceIds {

    private TraceIds() {
    }

    /** The current trace id, or null when there is no trace. */
    public static String current(Tracer tracer) {
        if (tracer != null) {
            Span span = tracer.currentSpan();
            if (span != null && span.context().traceId() != null && !span.context().traceId().isBlank()) {
                return span.context().traceId();
            }
        }
        // Boot's log correlation puts it here too; used when no Tracer bean exists.
        return MDC.get("traceId");
    }
}
