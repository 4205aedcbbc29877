package cn.zhangzhou.partybuilding.messaging.deadletter;

import java.time.Clock;

import javax.sql.DataSource;

import cn.zhangzhou.partybuilding.messaging.DeadLetters;
import cn.zhangzhou.partybuilding.messaging.MessagingAutoConfiguration;
import cn.zhangzhou.partybuilding.messaging.MessagingProperties;
import cn.zhangzhou.partybuilding.messaging.MessagingSchema;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dead-letter admin API of a service that consumes events, when it is a web service with service-support's
 * security ({@code Caller}): every district service (part of {@code MessagingAutoConfiguration}), and identity, which
 * imports it beside {@code InboundEventsConfiguration} and, having no district, leaves it to the city's
 * administrators. Decision 0022.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "cn.zhangzhou.partybuilding.support.security.Caller")
public class DeadLetterAdminConfiguration {

    @Bean
    DeadLetterController deadLetterController(KafkaListenerEndpointRegistry listeners, KafkaProperties kafka,
                                              ObjectProvider<KafkaConnectionDetails> connection,
                                              DeadLetters deadLetters, DataSource dataSource,
                                              PlatformTransactionManager transactionManager,
                                              ObjectProvider<MessagingProperties> properties,
                                              ObjectProvider<Clock> clock,
                                              MessagingSchema schema) {
        DeadLetterTopics topics = new DeadLetterTopics(listeners,
                MessagingAutoConfiguration.connected(kafka.buildConsumerProperties(), connection.getIfAvailable(),
                        KafkaConnectionDetails::getConsumer),
                deadLetters);
        DeadLetterActionStore actions = new DeadLetterActionStore(JdbcClient.create(dataSource));
        return new DeadLetterController(new DeadLetterService(topics, actions, new TransactionTemplate(transactionManager),
                properties.stream().map(MessagingProperties::district).findFirst().orElse(null),
                clock.getIfAvailable(Clock::systemUTC)));
    }
}
