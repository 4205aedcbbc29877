package cn.zhangzhou.partybuilding.baregateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A benchmark baseline only (基准网关, never deployed): Spring Cloud Gateway with the one route the benchmark gives it
 * at start, e.g. (environment variables)
 * <pre>
 * SPRING_CLOUD_GATEWAY_SERVER_WEBFLUX_ROUTES_0_ID=bare
 * SPRING_CLOUD_GATEWAY_SERVER_WEBFLUX_ROUTES_0_URI=http://127.0.0.1:8081
 * SPRING_CLOUD_GATEWAY_SERVER_WEBFLUX_ROUTES_0_PREDICATES_0=Path=/api/v1/xiangcheng/membership/**
 * SPRING_CLOUD_GATEWAY_SERVER_WEBFLUX_ROUTES_0_FILTERS_0=RewritePath=/api/v1/xiangcheng/membership/(?&lt;rest&gt;.*), /api/v1/$\{rest}
 * </pre>
 * and nothing else: no security, rate limit, breaker, retry, access log or actuator. What the real gateway costs
 * beyond this is the cost of its own checks.
 */
@SpringBootApplication
public class BareGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(BareGatewayApplication.class, args);
    }
}
