package cn.zhangzhou.partybuilding.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What the gateway routes and how it protects the services.
 *
 * @param districts          district id → service name → instance address, e.g.
 *                           {@code zz.gateway.districts.xiangcheng.membership=http://localhost:8081} (区 → 服务 → 地址)
 * @param crossDistrictRoles roles whose tokens may call any district (their {@code district} claim is not compared)
 * @param visitingRoles      roles whose tokens may call another district's services when they carry no other role:
 *                           a member serving where they reported (双报到) or live; that district's service decides
 *                           by its directory whether it knows the member (decision 0025)
 * @param maxBodySize        larger request bodies are refused with 413 before they reach a service
 * @param rateLimit          per-client token buckets
 * @param breaker            the Resilience4j circuit breaker of each route
 * @param retries            extra attempts for GET/HEAD when the service is unreachable or answers 502/503/504
 * @param corsAllowedOrigins browser origins (the dashboards) allowed to call the API
 * @param responseTimeouts   route id → its response timeout, where it differs from the HTTP client's global
 *                           {@code spring.cloud.gateway.server.webflux.httpclient.response-timeout}
 * @param docsResponseTimeout the response timeout of the {@code /openapi/...} routes: a service generates its
 *                            OpenAPI document on first request, which takes seconds on a cold JVM
 * @param tokenCache         verified tokens remembered so that a client's next request skips the signature check
 * @param openPaths          service → its paths under {@code /api/v1} that take no token, as the service's own
 *                           {@code zz.security.open-paths} (evaluation's residents' ratings with a one-time code);
 *                           each is a route of its own, {@code <district>-<service>-open}, limited per client address
 *                           by {@code rate-limit.open}
 * @param dashboard          the city's dashboard service (decision 0023), if this gateway routes to it:
 *                           {@code /api/v1/dashboard/**} and its page at {@code /dashboard/**} (DashboardRoutes)
 */
@ConfigurationProperties("zz.gateway")
public record GatewayProperties(
        @DefaultValue Map<String, Map<String, URI>> districts,
        @DefaultValue("CITY_ADMIN") Set<String> crossDistrictRoles,
        @DefaultValue("MEMBER") Set<String> visitingRoles,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Breaker breaker,
        @DefaultValue("2") int retries,
        @DefaultValue List<String> corsAllowedOrigins,
        @DefaultValue Map<String, Duration> responseTimeouts,
        @DefaultValue("30s") Duration docsResponseTimeout,
        @DefaultValue TokenCache tokenCache,
        @DefaultValue Map<String, List<String>> openPaths,
        URI dashboard) {

    /** The suffix of an open path's route id: {@code xiangcheng-evaluation-open}. */
    public static final String OPEN_ROUTE_SUFFIX = "-open";

    /** The id of the route to a district's service, e.g. {@code xiangcheng-membership}; its docs route adds {@code -docs}. */
    public static String routeId(String district, String service) {
        return district + "-" + service;
    }

    /**
     * @param store    {@code memory} (Bucket4j in this JVM, the default) or {@code redis} (shared by all gateway
     *                 instances: Spring Cloud Gateway's RedisRateLimiter, needs {@code spring.data.redis.*})
     * @param defaults the bucket of every route without its own entry
     * @param routes   route id ({@code <district>-<service>}) → its bucket
     * @param open     the bucket of each client address on each open path's route without its own entry
     */
    public record RateLimit(@DefaultValue("memory") String store, @DefaultValue Limit defaults,
                            @DefaultValue Map<String, Limit> routes, @DefaultValue Limit open) {

        public Limit forRoute(String routeId) {
            return routes.getOrDefault(routeId, routeId.endsWith(OPEN_ROUTE_SUFFIX) ? open : defaults);
        }
    }

    /** A token bucket: {@code capacity} requests, refilled evenly over {@code period}. */
    public record Limit(@DefaultValue("100") long capacity, @DefaultValue("1s") Duration period) {

        public Limit {
            if (capacity < 1 || period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("a rate limit needs a positive capacity and period");
            }
        }
    }

    /**
     * @param ttl        how long a verified token is trusted without a new signature check (never past its own
     *                   {@code exp}); {@code 0s} turns the cache off
     * @param maxEntries tokens held at most (one per active client); {@code 0} turns the cache off
     */
    public record TokenCache(@DefaultValue("5m") Duration ttl, @DefaultValue("10000") int maxEntries) {
    }

    /**
     * @param slidingWindow      calls in the count-based window
     * @param minimumCalls       calls before the failure rate counts
     * @param failureRatePercent failure rate that opens the circuit
     * @param openFor            how long an open circuit answers 503 at once before letting trial calls through
     * @param halfOpenCalls      trial calls in the half-open state
     * @param timeLimit          the breaker's own time limit; above the HTTP client's response timeout, so that a
     *                           slow service is a 504 from the client rather than a cut by the breaker
     */
    public record Breaker(@DefaultValue("20") int slidingWindow, @DefaultValue("10") int minimumCalls,
                          @DefaultValue("50") float failureRatePercent, @DefaultValue("10s") Duration openFor,
                          @DefaultValue("2") int halfOpenCalls, @DefaultValue("30s") Duration timeLimit) {
    }
}
