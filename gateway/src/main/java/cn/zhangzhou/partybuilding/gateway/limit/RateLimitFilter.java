package cn.zhangzhou.partybuilding.gateway.limit;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import cn.zhangzhou.partybuilding.gateway.error.Problems;
import java.net.InetSocketAddress;
import java.security.Principal;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 429 with {@code Retry-After} once a client has used its bucket. The client is the token's subject; an anonymous
 * caller (only public routes such as the API docs) is its remote address. Runs after authentication, inside the
 * route, so the limit is per route and a refused request costs the service nothing. {@link #perAddress()} counts by
 * address even with a token: the open paths, where a token proves nothing the path asks for.
 */
public class RateLimitFilter implements GatewayFilter {

    public static final String REMAINING_HEADER = "X-RateLimit-Remaining";

    private final ClientRateLimiter limiter;
    private final boolean byAddress;

    public RateLimitFilter(ClientRateLimiter limiter) {
        this(limiter, false);
    }

    private RateLimitFilter(ClientRateLimiter limiter, boolean byAddress) {
        this.limiter = limiter;
        this.byAddress = byAddress;
    }

    /** The same limiter, counting every caller by its remote address. */
    public RateLimitFilter perAddress() {
        return new RateLimitFilter(limiter, true);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        String routeId = route == null ? "unrouted" : route.getId();
        Mono<String> subject = byAddress ? Mono.empty() : exchange.getPrincipal().map(Principal::getName);
        return subject
                .map(name -> "sub:" + name)
                .defaultIfEmpty("ip:" + remoteAddress(exchange))
                .flatMap(client -> limiter.tryConsume(routeId, client))
                .flatMap(decision -> {
                    if (decision.remaining() >= 0) {
                        exchange.getResponse().getHeaders().set(REMAINING_HEADER, String.valueOf(decision.remaining()));
                    }
                    if (decision.allowed()) {
                        return chain.filter(exchange);
                    }
                    // Whole seconds, rounded up: a client that waits this long finds a token.
                    long seconds = Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
                    exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(seconds));
                    return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
                            "Too many requests on " + routeId + "; retry after " + seconds + " s");
                });
    }

    private static String remoteAddress(ServerWebExchange exchange) {
        InetSocketAddress address = exchange.getRequest().getRemoteAddress();
        return address == null || address.getAddress() == null ? "unknown" : address.getAddress().getHostAddress();
    }
}
