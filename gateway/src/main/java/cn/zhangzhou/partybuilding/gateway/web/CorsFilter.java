package cn.zhangzhou.partybuilding.gateway.web;

import cn.zhangzhou.partybuilding.gateway.config.GatewayProperties;
import cn.zhangzhou.partybuilding.gateway.error.Problems;
import java.time.Duration;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CORS for the dashboards ({@code zz.gateway.cors-allowed-origins}), before security so that a preflight needs no
 * token. A cross-origin request from any other origin is a 403 problem (Spring's own rejection has no body).
 * The services behind stay same-origin: only the gateway answers CORS.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class CorsFilter implements WebFilter {

    private final CorsConfiguration config;
    private final DefaultCorsProcessor processor = new DefaultCorsProcessor();

    public CorsFilter(GatewayProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.corsAllowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "If-Match",
                CorrelationIdFilter.HEADER, "traceparent", "tracestate"));
        cors.setExposedHeaders(List.of(CorrelationIdFilter.HEADER, "Location", "ETag", "Retry-After",
                "X-RateLimit-Remaining"));
        // Bearer tokens, not cookies: no credentials mode needed.
        cors.setAllowCredentials(false);
        cors.setMaxAge(Duration.ofMinutes(30));
        this.config = cors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!CorsUtils.isCorsRequest(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        String origin = exchange.getRequest().getHeaders().getOrigin();
        if (config.checkOrigin(origin) == null) {
            return Problems.write(exchange, HttpStatus.FORBIDDEN,
                    "Cross-origin requests from " + origin + " are not allowed");
        }
        boolean valid = processor.process(config, exchange);
        if (!valid) {
            // The origin is allowed but the method or a header is not; the processor set 403 without a body.
            return Problems.write(exchange, HttpStatus.FORBIDDEN,
                    "This cross-origin request (method or headers) is not allowed");
        }
        if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
            return Mono.empty();
        }
        return chain.filter(exchange);
    }
}
