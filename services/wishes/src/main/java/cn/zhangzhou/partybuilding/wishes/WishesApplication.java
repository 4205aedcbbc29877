package cn.zhangzhou.partybuilding.wishes;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The wishes service (微心愿) of one district: wishes of residents in difficulty are posted, screened by the
 * community, published on its needs menu (需求菜单), claimed by members and fulfilled. It knows the district's
 * organisations and members only from the district's membership events.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class WishesApplication {

    public static void main(String[] args) {
        SpringApplication.run(WishesApplication.class, args);
    }

    /** Deadlines run on this clock; tests register their own movable one before the context refreshes. */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }
}
