package cn.zhangzhou.partybuilding.gateway.route;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR;

import cn.zhangzhou.partybuilding.gateway.error.Problems;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The circuit breakers' fallback: a fast problem instead of a hanging or failing call. An open circuit and an
 * unreachable service are 503; a service too slow for the response timeout is 504; a body cut for its size
 * stays 413. Only reached by the gateway's forward (security denies it from outside).
 */
@RestController
public class FallbackController {

    @RequestMapping(DistrictRoutes.FALLBACK_PATH + "{routeId}")
    public Mono<Void> fallback(@PathVariable String routeId, ServerWebExchange exchange) {
        Throwable failure = exchange.getAttribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        exchange.getResponse().getHeaders().remove(org.springframework.http.HttpHeaders.CONTENT_TYPE);
        if (failure instanceof CallNotPermittedException) {
            exchange.getResponse().getHeaders().set("Retry-After", "5");
            return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                    routeId + " is unavailable: its circuit is open after repeated failures; retry later");
        }
        if (failure instanceof ResponseStatusException status) {
            if (status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
                return Problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT, routeId + " did not answer in time");
            }
            if (status.getStatusCode().is4xxClientError()) {
                return Problems.write(exchange, status.getStatusCode(), status.getReason());
            }
        }
        if (failure instanceof TimeoutException
                || failure instanceof org.springframework.cloud.gateway.support.TimeoutException) {
            return Problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT, routeId + " did not answer in time");
        }
        return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, routeId + " is unavailable ("
                + (failure == null ? "no answer" : failure.getClass().getSimpleName()) + "); retry later");
    }
}
