package cn.zhangzhou.partybuilding.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.zhangzhou.partybuilding.events.InvalidEventException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.BackOffExecution;

/** Unit tests of the configuration pieces that need no broker. */
class MessagingConfigurationTest {

    @Test
    void districtIsRequiredAndValidated() {
        MessagingProperties.Relay relay = new MessagingProperties.Relay(true, 500, Duration.ofMillis(20),
                Duration.ofSeconds(2));
        assertThatThrownBy(() -> new MessagingProperties(null, "membership", relay, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown district");
        assertThatThrownBy(() -> new MessagingProperties("shanghai", "membership", relay, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown district");
        assertThatThrownBy(() -> new MessagingProperties("xiangcheng", " ", relay, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zz.service");
        assertThatThrownBy(() -> new MessagingProperties.Relay(true, 0, Duration.ofMillis(20), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new MessagingProperties("xiangcheng", "membership", relay, 3).district()).isEqualTo("xiangcheng");
    }

    @Test
    void theServicesTopicsKeepTheirRecordsForEverSoProjectionsCanBeReplayed() {
        MessagingProperties properties = new MessagingProperties("xiangcheng", "wishes",
                new MessagingProperties.Relay(true, 500, Duration.ofMillis(20), Duration.ofSeconds(2)), 3);
        MessagingAutoConfiguration configuration = new MessagingAutoConfiguration();

        assertThat(configuration.eventsTopic(properties).name()).isEqualTo("xiangcheng.wishes.events");
        assertThat(configuration.eventsTopic(properties).configs()).containsEntry("retention.ms", "-1");
        assertThat(configuration.deadLetterTopic(properties).configs()).containsEntry("retention.ms", "-1");
    }

    @Test
    void consumerDefaultsAreAddedButNeverOverrideTheService() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("service",
                Map.of("spring.kafka.consumer.auto-offset-reset", "latest", "spring.kafka.consumer.fetch-max-wait", "0")));
        new MessagingEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.kafka.consumer.auto-offset-reset")).isEqualTo("latest");
        assertThat(environment.getProperty("spring.kafka.consumer.value-deserializer"))
                .isEqualTo("org.springframework.kafka.support.serializer.ErrorHandlingDeserializer");
        assertThat(environment.getProperty("spring.kafka.consumer.properties.spring.deserializer.value.delegate.class"))
                .isEqualTo("org.apache.kafka.common.serialization.ByteArrayDeserializer");
        // Kafka's own fetches: the first record at once, an idle consumer's long poll 500 ms (decision 0036).
        assertThat(environment.getProperty("spring.kafka.consumer.fetch-min-size")).isNull();
        assertThat(environment.getProperty("spring.kafka.consumer.fetch-max-wait")).isEqualTo("0");
        // InboundEvents starts the consumer span (EventSpans): no second one from Spring Kafka.
        assertThat(environment.getProperty("spring.kafka.listener.observation-enabled")).isEqualTo("false");
    }

    @Test
    void aDeadLetterNamesWhatFailedNotTheBatchListenersWrapperAndKeepsItsGroup() {
        InvalidEventException poison = new InvalidEventException("does not accept organisation X");
        Exception failed = new ListenerExecutionFailedException("listener failed", "wishes-xiangcheng",
                new BatchListenerFailedException(poison.getMessage(), poison, 3));

        Exception recorded = DeadLetters.cause(failed);
        assertThat(recorded).isInstanceOfSatisfying(ListenerExecutionFailedException.class,
                e -> assertThat(e.getGroupId()).isEqualTo("wishes-xiangcheng"));
        assertThat(recorded.getCause()).isSameAs(poison);
        // A record listener's failure is recorded as it is.
        Exception single = new ListenerExecutionFailedException("listener failed", "wishes-xiangcheng", poison);
        assertThat(DeadLetters.cause(single)).isSameAs(single);
    }

    @Test
    void aTransientFailureIsRetriedWithoutEndAtMostTwoSecondsApart() {
        BackOffExecution execution = DeadLetters.backOff().start();
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            waits.add(execution.nextBackOff());
        }
        assertThat(waits).doesNotContain(BackOffExecution.STOP);
        assertThat(waits.subList(0, 4)).containsExactly(200L, 600L, 1_800L, 2_000L);
        assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(200L, 2_000L));

        DeadLetters deadLetters = new DeadLetters(Map.of("bootstrap.servers", "localhost:1"), new SimpleMeterRegistry());
        try {
            assertThat(deadLetters.errorHandler()).isNotNull();
        } finally {
            deadLetters.destroy();
        }
    }
}
