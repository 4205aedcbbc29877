package cn.zhangzhou.partybuilding.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The configuration the benchmark gives the two gateways. */
class GatewayEnvironmentTest {

    @Test
    void theBareRouteRewritesPathsAsTheRealGatewayDoes() {
        Map<String, String> env = GatewayBenchmark.bareGatewayEnvironment(8090, "http://127.0.0.1:8081");

        assertThat(env).containsEntry("SERVER_PORT", "8090")
                .containsEntry("SPRING_CLOUD_GATEWAY_SERVER_WEBFLUX_ROUTES_0_URI", "http://127.0.0.1:8081")
                .containsEntry("SPRING_CLOUD_GATEWAY_SERVER_WEBFLUX_ROUTES_0_PREDICATES_0",
                        "Path=/api/v1/xiangcheng/membership/**");
        // RewritePath=<regexp>, <replacement>: Spring Cloud Gateway turns "$\" into "$" and calls replaceAll.
        String[] args = env.get("SPRING_CLOUD_GATEWAY_SERVER_WEBFLUX_ROUTES_0_FILTERS_0")
                .substring("RewritePath=".length()).split(",\\s*");
        String replacement = args[1].replace("$\\", "$");
        assertThat("/api/v1/xiangcheng/membership/members/42".replaceAll(args[0], replacement)).isEqualTo("/api/v1/members/42");
        assertThat("/api/v1/xiangcheng/membership/me".replaceAll(args[0], replacement)).isEqualTo("/api/v1/me");
        // No placeholder syntax Spring would try to resolve.
        assertThat(args[1]).doesNotContain("${");
    }

    @Test
    void theRealGatewayGetsTheServiceTheKeyAndABucketNoBenchmarkEmpties() {
        Map<String, String> env = GatewayBenchmark.gatewayEnvironment(8080, "http://127.0.0.1:8081", "file:/tmp/k.pem");

        assertThat(env).containsEntry("ZZ_GATEWAY_DISTRICTS_XIANGCHENG_MEMBERSHIP", "http://127.0.0.1:8081")
                .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION", "file:/tmp/k.pem")
                .containsEntry("ZZ_GATEWAY_RATE_LIMIT_DEFAULTS_CAPACITY", "1000000")
                .containsEntry("ZZ_GATEWAY_RATE_LIMIT_DEFAULTS_PERIOD", "1s")
                .containsEntry("SERVER_PORT", "8080");
        // Only what the brief allows: address, key, bucket, port; the breaker and every other filter stay as configured.
        assertThat(env).hasSize(5);
    }
}
