package cn.zhangzhou.partybuilding.gateway.route;

import cn.zhangzhou.partybuilding.gateway.config.GatewayProperties;
import cn.zhangzhou.partybuilding.gateway.error.Problems;
import cn.zhangzhou.partybuilding.gateway.limit.RateLimitFilter;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * One route per (district, service): {@code /api/v1/<district>/<service>/**} → that district's instance, path
 * rewritten to {@code /api/v1/**}, so each route has its own circuit breaker, rate limit and metrics. A second
 * route per pair, {@code /openapi/<district>/<service>}, reaches the service's {@code /v3/api-docs} for the
 * gateway's Swagger UI, its paths given the gateway's prefix ({@link GatewayApiDocs}). Whatever else starts with {@code /api/v1/} ends in a 404 problem that names the unknown
 * district or service.
 */
@Configuration(proxyBeanMethods = false)
public class DistrictRoutes {

    /** Where a route's circuit breaker sends a failed or refused call: {@link FallbackController}. */
    static final String FALLBACK_PATH = "/gateway-fallback/";

    @Bean
    RouteLocator districtRouteLocator(RouteLocatorBuilder builder, GatewayProperties properties,
                                      RateLimitFilter rateLimit) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        properties.districts().forEach((district, services) -> services.forEach((service, uri) -> {
            String id = GatewayProperties.routeId(district, service);
            String prefix = "/api/v1/" + district + "/" + service;
            routes.route(id, r -> r.order(0)
                    .path(prefix, prefix + "/**")
                    .filters(f -> proxied(f, prefix, id, rateLimit, properties))
                    .metadata(timeouts(properties, id))
                    .uri(uri));
            // Before the service's route: each path the service answers without a token, limited per address.
            List<String> open = properties.openPaths().getOrDefault(service, List.of());
            if (!open.isEmpty()) {
                String openId = id + GatewayProperties.OPEN_ROUTE_SUFFIX;
                routes.route(openId, r -> r.order(-1)
                        .path(open.stream().map(path -> prefix + path).toArray(String[]::new))
                        .filters(f -> proxied(f, prefix, id, rateLimit.perAddress(), properties))
                        .metadata(timeouts(properties, id))
                        .uri(uri));
            }
            routes.route(id + "-docs", r -> r.order(0)
                    .path("/openapi/" + district + "/" + service)
                    .filters(f -> f
                            .setPath("/v3/api-docs")
                            .modifyResponseBody(String.class, String.class, (exchange, document) ->
                                    Mono.justOrEmpty(GatewayApiDocs.throughTheGateway(document, district, service)))
                            .filter(rateLimit)
                            .circuitBreaker(c -> c.setName(id).setFallbackUri("forward:" + FALLBACK_PATH + id)))
                    .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.docsResponseTimeout().toMillis())
                    .uri(uri));
        }));
        routes.route("unknown", r -> r.order(Integer.MAX_VALUE)
                .path("/api/v1/**", "/openapi/**")
                .filters(f -> f.filter((exchange, chain) ->
                        Problems.write(exchange, HttpStatus.NOT_FOUND,
                                unknown(exchange.getRequest().getPath().value(), properties.districts()))))
                .uri("no://op"));
        return routes.build();
    }

    /**
     * A call to a district's service: path rewritten, rate-limited, through the route's breaker, GET and HEAD retried.
     * The breaker is the service's ({@code breaker}), whichever of its routes the call takes.
     */
    private static GatewayFilterSpec proxied(GatewayFilterSpec f, String prefix, String breaker,
                                             RateLimitFilter rateLimit, GatewayProperties properties) {
        return f.rewritePath(Pattern.quote(prefix) + "(?<rest>/.*)?", "/api/v1${rest}")
                .filter(rateLimit)
                .circuitBreaker(c -> c.setName(breaker).setFallbackUri("forward:" + FALLBACK_PATH + breaker))
                .retry(retry -> retry.setRetries(properties.retries())
                        .setMethods(HttpMethod.GET, HttpMethod.HEAD)
                        .setSeries()
                        .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE,
                                HttpStatus.GATEWAY_TIMEOUT)
                        .setExceptions(IOException.class, TimeoutException.class,
                                org.springframework.cloud.gateway.support.TimeoutException.class));
    }

    /** The route's own response timeout, if configured (milliseconds, as the gateway's route metadata wants). */
    private static Map<String, Object> timeouts(GatewayProperties properties, String routeId) {
        Duration timeout = properties.responseTimeouts().get(routeId);
        return timeout == null ? Map.of() : Map.of(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, timeout.toMillis());
    }

    /** Names the first path segment that matches nothing, with what would have matched. */
    static String unknown(String path, Map<String, Map<String, URI>> districts) {
        String[] segments = path.split("/");
        // "/api/v1/<district>/<service>/..." splits into "", "api", "v1", district, service; "/openapi/<d>/<s>" one less.
        int at = path.startsWith("/openapi/") ? 2 : 3;
        String district = segments.length > at ? segments[at] : "";
        if (!districts.containsKey(district)) {
            return "Unknown district '" + echo(district) + "'; the gateway routes " + districts.keySet()
                    + " (paths are /api/v1/<district>/<service>/...)";
        }
        String service = segments.length > at + 1 ? segments[at + 1] : "";
        return "District " + district + " has no service '" + echo(service) + "'; its services are "
                + districts.get(district).keySet();
    }

    private static String echo(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
