package cn.zhangzhou.partybuilding.gateway.route;

import cn.zhangzhou.partybuilding.gateway.config.GatewayProperties;
import cn.zhangzhou.partybuilding.gateway.limit.RateLimitFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The city's dashboard (decision 0023), when {@code zz.gateway.dashboard} names it: one service for the city, so no
 * district in its paths. Its API for other systems at {@code /api/v1/dashboard/**} (→ {@code /api/v1/**}), and the
 * whole service at {@code /dashboard/**} (→ {@code /**}): its page and the page's calls relative to it
 * ({@code /dashboard/api/v1/...}). The page's files need no token (the page signs in itself); every API path does,
 * here and again in the dashboard.
 * <p>
 * Server-Sent Events ({@code /api/v1/live}) pass through as they come: the gateway writes a {@code text/event-stream}
 * response on as each event arrives, and its HTTP client's response timeout bounds only the wait for the response to
 * begin, not the quiet between events (DashboardRouteTest). No circuit breaker: its time limit would cut a stream,
 * which lasts up to 30 minutes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("zz.gateway.dashboard")
public class DashboardRoutes {

    /** The API paths of the dashboard under its page's prefix: they need a token ({@code GatewaySecurity}). */
    public static final String PAGE_API_PATHS = "/dashboard/api/**";
    public static final String[] PAGE_PATHS = {"/dashboard", "/dashboard/**"};
    static final String ROUTE_ID = "dashboard";

    @Bean
    RouteLocator dashboardRouteLocator(RouteLocatorBuilder builder, GatewayProperties properties,
                                       RateLimitFilter rateLimit) {
        return builder.routes()
                .route(ROUTE_ID, r -> r.order(0)
                        .path("/api/v1/dashboard", "/api/v1/dashboard/**")
                        .filters(f -> f.rewritePath("/api/v1/dashboard(?<rest>/.*)?", "/api/v1${rest}")
                                .filter(rateLimit))
                        .uri(properties.dashboard()))
                .route(ROUTE_ID + "-page", r -> r.order(0)
                        .path(PAGE_PATHS)
                        .filters(f -> f.rewritePath("/dashboard/?(?<rest>.*)", "/${rest}").filter(rateLimit))
                        .uri(properties.dashboard()))
                .build();
    }
}
