package cn.zhangzhou.partybuilding.messaging;

/**
 * The W3C {@code traceparent} of the current span, captured when an event is appended so the relay,
 * which runs on its own thread later, sends the trace context of the request that caused the event.
 */
@FunctionalInterface
public interface TraceparentSource {

    TraceparentSource NONE = () -> null;

    /** The current traceparent, or null when no span is current. */
    String current();
}
