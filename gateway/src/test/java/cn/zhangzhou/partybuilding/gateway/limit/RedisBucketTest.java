package cn.zhangzhou.partybuilding.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhangzhou.partybuilding.gateway.config.GatewayProperties.Limit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Capacity per period in Redis's whole tokens per second, exactly: rate and burst in requests are kept. */
class RedisBucketTest {

    @Test
    void aWholeRatePerSecondCostsOneTokenARequest() {
        assertThat(RedisBucket.of(new Limit(100, Duration.ofSeconds(1)))).isEqualTo(new RedisBucket(1, 100, 100));
        assertThat(RedisBucket.of(new Limit(50, Duration.ofSeconds(10)))).isEqualTo(new RedisBucket(1, 5, 50));
    }

    @Test
    void lessThanOneRequestASecondBecomesDearerRequests() {
        // 3 per 15 s: a request costs 5 tokens, 1 token a second comes back, 15 tokens are 3 requests.
        RedisBucket bucket = RedisBucket.of(new Limit(3, Duration.ofSeconds(15)));
        assertThat(bucket).isEqualTo(new RedisBucket(5, 1, 15));
        assertThat(bucket.refillOfOneRequest()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void fractionalRatesStayExact() {
        // 150 a minute = 2.5 a second: 2 tokens a request, 5 tokens a second.
        RedisBucket bucket = RedisBucket.of(new Limit(150, Duration.ofMinutes(1)));
        assertThat(bucket).isEqualTo(new RedisBucket(2, 5, 300));
        assertThat(bucket.refillOfOneRequest()).isEqualTo(Duration.ofMillis(400));
        // 10 per 500 ms = 20 a second.
        assertThat(RedisBucket.of(new Limit(10, Duration.ofMillis(500)))).isEqualTo(new RedisBucket(1, 20, 10));
    }

    @Test
    void aLimitRedisCannotHoldIsRefusedWithAClearError() {
        assertThatThrownBy(() -> RedisBucket.of(new Limit(1_000_003, Duration.ofMillis(86_399_999))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be expressed in whole tokens per second");
    }
}
