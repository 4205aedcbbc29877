package cn.zhangzhou.partybuilding.volunteering;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The volunteering service (志工型党员队伍) of one district: volunteers registered by specialty, teams, service posts
 * claimed by members (党员认岗), activities and trainings, hours verified by check-in or by staff, campaigns and brand
 * projects (一社区一品牌), and their reports. It knows the district's organisations and members only from membership
 * events.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VolunteeringApplication {

    public static void main(String[] args) {
        SpringApplication.run(VolunteeringApplication.class, args);
    }

    /** Check-in windows, codes and deadlines run on this clock; tests register their own before the context refreshes. */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }
}
