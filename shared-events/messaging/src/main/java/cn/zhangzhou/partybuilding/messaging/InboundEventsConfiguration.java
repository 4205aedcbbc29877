package cn.zhangzhou.partybuilding.messaging;

import java.util.Objects;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The consuming half of events-messaging: the messaging tables, {@link InboundEvents}, the error handling
 * (dead letters) of Boot's default Kafka listener container factory and the lag of the listeners
 * ({@link ConsumerLag}). Part of {@link MessagingAutoConfiguration};
 * a service that consumes without publishing and has no district of its own (identity) excludes that and imports
 * this alone.
 */
@Configuration(proxyBeanMethods = false)
public class InboundEventsConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    MessagingSchema messagingSchema(DataSource dataSource) {
        return MessagingSchema.migrate(dataSource);
    }

    @Bean
    @ConditionalOnMissingBean
    InboundEvents inboundEvents(DataSource dataSource, PlatformTransactionManager transactionManager,
                                ObjectProvider<MeterRegistry> meters, MessagingSchema schema,
                                ObjectProvider<EventSpans> spans) {
        return new InboundEvents(dataSource, transactionManager, MessagingAutoConfiguration.registry(meters), schema,
                spans.getIfAvailable(() -> EventSpans.NONE));
    }

    @Bean
    DeadLetters deadLetters(KafkaProperties kafka, ObjectProvider<KafkaConnectionDetails> connection,
                            ObjectProvider<MeterRegistry> meters) {
        return new DeadLetters(MessagingAutoConfiguration.producerProperties(kafka, connection.getIfAvailable()),
                MessagingAutoConfiguration.registry(meters));
    }

    @Bean
    ConsumerLag consumerLag(KafkaListenerEndpointRegistry listeners, KafkaProperties kafka,
                            ObjectProvider<KafkaConnectionDetails> connection, ObjectProvider<MeterRegistry> meters) {
        return new ConsumerLag(listeners, MessagingAutoConfiguration.connected(kafka.buildAdminProperties(),
                        connection.getIfAvailable(), KafkaConnectionDetails::getAdmin),
                MessagingAutoConfiguration.registry(meters));
    }

    /** Picked up by Boot's default listener container factory (it takes the unique CommonErrorHandler). */
    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    CommonErrorHandler eventsErrorHandler(DeadLetters deadLetters) {
        return deadLetters.errorHandler();
    }

    /**
     * Offsets committed without waiting for the broker's answer (decision 0031), by Boot's default listener container
     * factory. Every listener goes through {@link InboundEvents}: its effects and versions are committed in the
     * database before the offsets, so an offset commit lost to a crash or a rebalance only delivers records again that
     * the versions skip. Waiting for each commit was about a tenth of a replaying listener's time. A commit that fails
     * is committed again when its partition goes quiet ({@link OffsetCommits}, decision 0035).
     */
    @Bean
    @ConditionalOnMissingBean(ContainerCustomizer.class)
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> asyncOffsetCommits(
            ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = MessagingAutoConfiguration.registry(meters);
        return container -> OffsetCommits.configure(container.getContainerProperties(),
                Objects.requireNonNullElse(container.getGroupId(), container.getListenerId()), registry);
    }

    @Bean
    OffsetCommits.RetryWhenIdle failedOffsetCommitsRetriedWhenIdle() {
        return new OffsetCommits.RetryWhenIdle();
    }
}
