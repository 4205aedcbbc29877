package cn.zhangzhou.partybuilding.gateway.limit;

import cn.zhangzhou.partybuilding.gateway.config.GatewayProperties;
import cn.zhangzhou.partybuilding.gateway.error.Problems;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses bodies over {@code zz.gateway.max-body-size} with 413: at once when the Content-Length says so (the
 * body is never read), and while streaming for a chunked body (the body is cut and the request fails as 413).
 * Before security: an oversized body is refused without spending a signature check on it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
public class BodySizeLimitFilter implements WebFilter {

    private final long maxBytes;

    public BodySizeLimitFilter(GatewayProperties properties) {
        this.maxBytes = properties.maxBodySize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > maxBytes) {
            return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, tooLarge());
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
                        sink.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, tooLarge()));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private String tooLarge() {
        return "The request body is larger than the gateway's limit of " + maxBytes + " bytes";
    }
}
