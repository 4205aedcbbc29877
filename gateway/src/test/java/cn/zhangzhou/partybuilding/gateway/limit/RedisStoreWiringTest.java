package cn.zhangzhou.partybuilding.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * Only the wiring of the Redis store: with {@code store=redis} the limiter is SCG's RedisRateLimiter with the
 * configured buckets, and the in-memory one is absent; the connection is lazy, so the context starts without a
 * Redis. The behaviour against a real Redis server is {@code RedisRateLimitTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "spring.security.oauth2.resourceserver.jwt.public-key-location=classpath:support-test-keys/jwt-public.pem",
        "zz.gateway.rate-limit.store=redis",
        "zz.gateway.districts.xiangcheng.membership=http://localhost:1",
        "zz.gateway.rate-limit.routes.xiangcheng-membership.capacity=50",
        "zz.gateway.rate-limit.routes.xiangcheng-membership.period=10s"})
class RedisStoreWiringTest {

    @Autowired
    ApplicationContext context;

    @Test
    void theRedisLimiterReplacesTheInMemoryOne() {
        assertThat(context.getBean(ClientRateLimiter.class)).isInstanceOf(RedisClientRateLimiter.class);
        assertThat(context.getBeansOfType(InMemoryRateLimiter.class)).isEmpty();
        RedisClientRateLimiter redis = (RedisClientRateLimiter) context.getBean(ClientRateLimiter.class);
        // 50 per 10 s: a burst of 50, refilled at 5 per second; routes without their own entry get the default.
        assertThat(redis.redis().getConfig().get("xiangcheng-membership").getBurstCapacity()).isEqualTo(50);
        assertThat(redis.redis().getConfig().get("xiangcheng-membership").getReplenishRate()).isEqualTo(5);
        assertThat(redis.redis().getConfig().get("xiangcheng-membership-docs").getBurstCapacity()).isEqualTo(100);
    }
}
