package cn.zhangzhou.partybuilding.messaging;

import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.messaging.deadletter.DeadLetterAdminConfiguration;

import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.function.SingletonSupplier;

/**
 * Everything a service gets by adding {@code events-messaging}: its events topic, the {@link Outbox} and its
 * {@link OutboxRelay}, the consuming half ({@link InboundEventsConfiguration}) and the dead-letter admin API
 * ({@link DeadLetterAdminConfiguration}). Consumer (de)serialization and observation defaults come from
 * {@link MessagingEnvironmentPostProcessor}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        // The tracer and its propagator, for the spans of the relay and the consumers (EventSpans).
        "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration"})
@EnableConfigurationProperties(MessagingProperties.class)
@Import({InboundEventsConfiguration.class, DeadLetterAdminConfiguration.class})
public class MessagingAutoConfiguration {

    /** Relay producer overrides: a down broker must be noticed in seconds, not after Kafka's 2-minute defaults. */
    public static final Map<String, Object> RELAY_PRODUCER_OVERRIDES = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
            ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE,
            ProducerConfig.LINGER_MS_CONFIG, 0,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000,
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000);

    /**
     * The service's own events topic and its dead-letter topic, created at start-up by Boot's KafkaAdmin
     * (not left to broker auto-creation, which production brokers disable). Both keep their records for ever
     * ({@code retention.ms=-1}): the dashboard's and evaluation's projections are rebuilt by replaying the topics
     * from the beginning (decisions 0021, 0023), and a dead letter waits for an operator (decision 0022). A broker's
     * default of 7 days would silently make a replay incomplete.
     */
    @Bean
    NewTopic eventsTopic(MessagingProperties properties) {
        return TopicBuilder.name(Topics.events(properties.district(), properties.service()))
                .partitions(properties.topicPartitions()).config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
    }

    @Bean
    NewTopic deadLetterTopic(MessagingProperties properties) {
        return TopicBuilder.name(Topics.deadLetter(Topics.events(properties.district(), properties.service())))
                .partitions(properties.topicPartitions()).config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxSignal outboxSignal() {
        return new OutboxSignal();
    }

    @Bean
    @ConditionalOnMissingBean
    Outbox outbox(DataSource dataSource, PlatformTransactionManager transactionManager, MessagingProperties properties,
                  ObjectProvider<TraceparentSource> traceparents, OutboxSignal signal, ObjectProvider<Clock> clock,
                  MessagingSchema schema) {
        return new Outbox(JdbcClient.create(dataSource), transactionManager, properties,
                traceparents.getIfAvailable(() -> TraceparentSource.NONE), signal,
                clock.getIfAvailable(Clock::systemUTC), schema);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "zz.outbox.relay-enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(DataSource dataSource, PlatformTransactionManager transactionManager,
                            MessagingProperties properties, KafkaProperties kafka,
                            ObjectProvider<KafkaConnectionDetails> connection, ObjectProvider<MeterRegistry> meters,
                            OutboxSignal signal, MessagingSchema schema, ObjectProvider<EventSpans> spans) {
        return new OutboxRelay(JdbcClient.create(dataSource), transactionManager, properties,
                relayProducer(properties, kafka, connection.getIfAvailable()), registry(meters), signal, schema,
                spans.getIfAvailable(() -> EventSpans.NONE));
    }

    /** The relay's producer: Boot's producer properties plus {@link #RELAY_PRODUCER_OVERRIDES}; no observation. */
    public static Supplier<Producer<String, byte[]>> relayProducer(MessagingProperties properties, KafkaProperties kafka,
                                                            KafkaConnectionDetails connection) {
        Map<String, Object> config = producerProperties(kafka, connection);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.putAll(RELAY_PRODUCER_OVERRIDES);
        // Per instance: Kafka's metrics and MBeans tell the districts' relays apart (one JVM may host several).
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG,
                properties.service() + "-" + properties.district() + "-outbox-relay");
        return () -> new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    static Map<String, Object> producerProperties(KafkaProperties kafka, KafkaConnectionDetails connection) {
        return connected(kafka.buildProducerProperties(), connection, KafkaConnectionDetails::getProducer);
    }

    /** Boot's properties of a Kafka client, pointed at the client's brokers when there are connection details. */
    public static Map<String, Object> connected(
            Map<String, Object> config, KafkaConnectionDetails connection,
            Function<KafkaConnectionDetails, KafkaConnectionDetails.Configuration> client) {
        if (connection != null) {
            config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, client.apply(connection).getBootstrapServers());
        }
        return config;
    }

    static MeterRegistry registry(ObjectProvider<MeterRegistry> meters) {
        // Without a registry of the service (no actuator), meters go to the global one and cost nothing.
        return meters.getIfAvailable(() -> Metrics.globalRegistry);
    }

    /**
     * The trace context to store with each event, and the spans of its send and of its processing, when Micrometer
     * Tracing is on the class path.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tracer.class)
    static class TracingConfiguration {

        @Bean
        @ConditionalOnMissingBean
        TraceparentSource traceparentSource(ObjectProvider<Tracer> tracer) {
            // Looked up at the first event, not here (the tracer bean may be defined after this auto-configuration),
            // and then kept: a bean factory lookup per event costs more than the traceparent itself.
            SingletonSupplier<Tracer> current = SingletonSupplier.of(tracer::getIfAvailable);
            return () -> {
                Tracer resolved = current.get();
                return resolved == null ? null : new MicrometerTraceparentSource(resolved).current();
            };
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean({Tracer.class, Propagator.class})
        EventSpans eventSpans(Tracer tracer, Propagator propagator) {
            return new MicrometerEventSpans(tracer, propagator);
        }
    }
}
