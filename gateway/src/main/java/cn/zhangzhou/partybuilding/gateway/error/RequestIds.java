package cn.zhangzhou.partybuilding.gateway.error;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/** The ids that name a request in problems and logs: its trace id and its correlation id. */
public final class RequestIds {

    /** The exchange attribute holding the request's correlation id (set by the correlation-id filter). */
    public static final String CORRELATION_ID_ATTRIBUTE = RequestIds.class.getName() + ".correlationId";

    private RequestIds() {
    }

    public static String correlationId(ServerWebExchange exchange) {
        return exchange.getAttribute(CORRELATION_ID_ATTRIBUTE);
    }

    /**
     * The trace id, from the server observation WebFlux keeps in the exchange (the reactive pipeline has no
     * dependable thread-local current span).
     */
    public static String traceId(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(
                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .map(Span::context)
                .map(context -> context.traceId())
                .orElse(null);
    }
}
