package cn.zhangzhou.partybuilding.identity.member;

import cn.zhangzhou.partybuilding.messaging.InboundEventsConfiguration;
import cn.zhangzhou.partybuilding.messaging.deadletter.DeadLetterAdminConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Only the consuming half of events-messaging and its dead-letter admin API (decision 0022; the city's administrators
 * only): its auto-configuration is excluded (application.yaml), being made for a district's service, with a district,
 * an events topic and an outbox; identity serves every district and publishes nothing.
 */
@Configuration(proxyBeanMethods = false)
@Import({InboundEventsConfiguration.class, DeadLetterAdminConfiguration.class})
class InboundEventsConfig {
}
