package cn.zhangzhou.partybuilding.identity.member;

import cn.zhangzhou.partybuilding.messaging.DeadLetters;
import cn.zhangzhou.partybuilding.messaging.InboundEvents;
import cn.zhangzhou.partybuilding.messaging.MessagingSchema;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The consuming half of events-messaging. Its auto-configuration is excluded (application.yaml): it is made for a
 * district's service, with a district, an events topic and an outbox; identity serves every district and publishes
 * nothing.
 */
@Configuration(proxyBeanMethods = false)
class InboundEventsConfig {

    @Bean
    @DependsOnDatabaseInitialization
    MessagingSchema messagingSchema(DataSource dataSource) {
        return MessagingSchema.migrate(dataSource);
    }

    @Bean
    InboundEvents inboundEvents(DataSource dataSource, PlatformTransactionManager transactionManager,
                                MeterRegistry meters, MessagingSchema schema) {
        return new InboundEvents(JdbcClient.create(dataSource), transactionManager, meters, schema);
    }

    @Bean
    DeadLetters deadLetters(KafkaProperties kafka, MeterRegistry meters) {
        return new DeadLetters(kafka.buildProducerProperties(), meters);
    }

    /** Picked up by Boot's default listener container factory: poison records go to the topic's -dlt. */
    @Bean
    CommonErrorHandler eventsErrorHandler(DeadLetters deadLetters) {
        return deadLetters.errorHandler();
    }
}
