package cn.zhangzhou.partybuilding.gateway.web;

import cn.zhangzhou.partybuilding.gateway.error.RequestIds;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * One access log line per request with the trace and correlation ids, so a line leads to the trace and to the
 * service's own log lines. Logger {@code gateway.access}; turn it off by level if a platform logs at the edge.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class AccessLogFilter implements WebFilter {

    private static final Logger ACCESS = LoggerFactory.getLogger("gateway.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!ACCESS.isInfoEnabled()) {
            return chain.filter(exchange);
        }
        long started = System.nanoTime();
        // The trace id is read before the chain: the server observation is stopped once the response completes.
        String traceId = RequestIds.traceId(exchange);
        return chain.filter(exchange).doFinally(signal -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
            ACCESS.info("{} {} {} {}ms route={} client={} traceId={} correlationId={}",
                    exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(),
                    status == null ? "-" : status.value(), (System.nanoTime() - started) / 1_000_000,
                    route == null ? "-" : route.getId(),
                    exchange.getRequest().getRemoteAddress() == null ? "-"
                            : exchange.getRequest().getRemoteAddress().getAddress().getHostAddress(),
                    traceId == null ? "-" : traceId,
                    RequestIds.correlationId(exchange));
        });
    }
}
