package cn.zhangzhou.partybuilding.messaging;

import java.util.List;

/**
 * Applies the events of a poll that are new, in the order consumed. Runs inside the one database transaction that
 * also records them as processed ({@link InboundEvents#processBatch}); throwing rolls the batch back and it is
 * applied again one event at a time.
 */
@FunctionalInterface
public interface IncomingBatchHandler {

    void handle(List<IncomingEvent<?>> events);
}
