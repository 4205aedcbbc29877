package cn.zhangzhou.partybuilding.gateway.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The trace id of a request, from the server observation WebFlux keeps in the exchange (the reactive pipeline
 * has no dependable thread-local current span).
 */
public final class TraceIds {

    private TraceIds() {
    }

    public static String of(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(
                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .map(Span::context)
                .map(context -> context.traceId())
                .orElse(null);
    }
}
