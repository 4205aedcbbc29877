package cn.zhangzhou.partybuilding.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class SupportDefaultsTest {

    @Test
    void defaultsApplyButAServiceCanOverrideThem() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("service",
                Map.of("management.tracing.sampling.probability", "1.0")));
        new SupportDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("1.0");
        assertThat(environment.getProperty("spring.jackson.deserialization.fail-on-unknown-properties")).isEqualTo("true");
        assertThat(environment.getProperty("spring.mvc.problemdetails.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("server.shutdown")).isEqualTo("graceful");
        assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
                .isEqualTo("health,info,prometheus,metrics");
    }
}
