package cn.zhangzhou.partybuilding.gateway.error;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Set;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error the gateway makes itself is RFC 9457 problem JSON, shaped like the services' problems (type, title,
 * status, detail, instance, traceId) plus the correlation id, so a client handles both alike.
 */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    /** Writes the problem as the whole response; a response already committed is left alone. */
    public static Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(PROBLEM_JSON);
        byte[] bytes = JSON.writeValueAsBytes(body(exchange, status, detail));
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(Mono.just(buffer));
    }

    /** The path the client asked for: a breaker's fallback runs on a forwarded path, which means nothing to it. */
    private static String originalPath(ServerWebExchange exchange) {
        Set<URI> original = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
        if (original != null && !original.isEmpty()) {
            return original.iterator().next().getRawPath();
        }
        return exchange.getRequest().getPath().value();
    }

    static Map<String, Object> body(ServerWebExchange exchange, HttpStatusCode status, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        HttpStatus known = HttpStatus.resolve(status.value());
        body.put("title", known == null ? "Error " + status.value() : known.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", originalPath(exchange));
        String correlationId = RequestIds.correlationId(exchange);
        if (correlationId != null) {
            body.put("correlationId", correlationId);
        }
        String traceId = RequestIds.traceId(exchange);
        if (traceId != null) {
            body.put("traceId", traceId);
        }
        return body;
    }
}
