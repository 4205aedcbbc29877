package cn.zhangzhou.partybuilding.messaging;

/**
 * Applies one consumed event. Runs inside the database transaction that also records the event as
 * processed, so its effect happens exactly once; throwing rolls both back and the record is retried.
 */
@FunctionalInterface
public interface IncomingEventHandler {

    void handle(IncomingEvent<?> event);
}
