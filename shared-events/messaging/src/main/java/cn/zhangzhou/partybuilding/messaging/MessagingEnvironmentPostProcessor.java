package cn.zhangzhou.partybuilding.messaging;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * Kafka defaults every service consuming events needs, added as the lowest-precedence property source
 * (a service's own configuration still wins). Properties rather than a replaced consumer factory, so
 * Boot keeps building its default factory and its customizers (Micrometer consumer metrics, which
 * carry consumer lag) still apply.
 */
public class MessagingEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "zzMessagingDefaults";

    static Map<String, Object> defaults() {
        Map<String, Object> p = new LinkedHashMap<>();
        // String keys / byte[] values; a record that cannot be deserialized becomes an error for the
        // error handler (then the dead-letter topic) instead of failing the poll forever.
        p.put("spring.kafka.consumer.key-deserializer", ErrorHandlingDeserializer.class.getName());
        p.put("spring.kafka.consumer.value-deserializer", ErrorHandlingDeserializer.class.getName());
        p.put("spring.kafka.consumer.properties.spring.deserializer.key.delegate.class",
                StringDeserializer.class.getName());
        p.put("spring.kafka.consumer.properties.spring.deserializer.value.delegate.class",
                ByteArrayDeserializer.class.getName());
        // A new consumer group must not skip the events published before it first started.
        p.put("spring.kafka.consumer.auto-offset-reset", "earliest");
        // Consumers of other districts subscribe by topic pattern; a district that starts later creates its
        // topic later, and a pattern subscription only sees it at the next metadata refresh (default 5 min).
        p.put("spring.kafka.consumer.properties.metadata.max.age.ms", "5000");
        // A service instance that dies without leaving its group (killed, its machine lost) holds its partitions
        // until the coordinator gives up on its heartbeats: 10 s instead of the client's 45 s, so a restarted or
        // surviving instance takes them over sooner (heartbeats come from the client's own thread every 3 s, so a
        // long batch does not count against this; max.poll.interval.ms still bounds that).
        p.put("spring.kafka.consumer.properties.session.timeout.ms", "10000");
        // Fetches are Kafka's own (answer at the first record, or after a 500 ms long poll; decision 0036): a district's
        // consumers are idle nearly all the time, and a shorter wait made every idle consumer ask the broker ten times a
        // second. A burst loaded into many services at once (the local platform's demo data) batches with
        // fetch-min-size, set where that happens.
        // No listener observation: InboundEvents starts the consumer's span itself (EventSpans), also for a batch
        // listener, which Spring Kafka's observation does not cover; one span per record, not two.
        p.put("spring.kafka.listener.observation-enabled", "false");
        return p;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains(SOURCE_NAME)) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults()));
        }
    }
}
