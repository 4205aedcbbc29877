package cn.zhangzhou.partybuilding.identity.testing;

import cn.zhangzhou.partybuilding.testing.TestClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The service's clock replaced by one the tests move by hand. */
@TestConfiguration
public class TestClockConfig {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }
}
