package cn.zhangzhou.partybuilding.gateway.error;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Whatever fails in the gateway outside a route's breaker (no handler, a bad request line, a bug) is a problem
 * too, never Boot's default error JSON. Ahead of Boot's handler (order -1).
 */
@Component
@Order(-2)
public class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (failure instanceof ErrorResponse error) {
            HttpStatusCode status = error.getStatusCode();
            String detail = error.getBody().getDetail();
            if (status.value() == HttpStatus.NOT_FOUND.value()) {
                detail = "Nothing at " + exchange.getRequest().getPath().value()
                        + "; the API is at /api/v1/<district>/<service>/...";
            }
            return Problems.write(exchange, status, detail == null ? "The request failed" : detail);
        }
        LOG.error("unexpected failure on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), failure);
        return Problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR,
                "The gateway failed unexpectedly; the trace id identifies it in the logs");
    }
}
