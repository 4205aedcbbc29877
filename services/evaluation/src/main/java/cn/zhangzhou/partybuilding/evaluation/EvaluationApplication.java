package cn.zhangzhou.partybuilding.evaluation;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The evaluation service (项目化 + 多向度考评) of one district: projects set up from needs with their targets checked on
 * site, the verified outcomes of the district's other services, and the scores they make. It knows the district's
 * organisations and members, wishes and hours only from their services' events.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EvaluationApplication {

    public static void main(String[] args) {
        SpringApplication.run(EvaluationApplication.class, args);
    }

    /** Times of checks, reviews and reports; tests register their own before the context refreshes. */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }
}
