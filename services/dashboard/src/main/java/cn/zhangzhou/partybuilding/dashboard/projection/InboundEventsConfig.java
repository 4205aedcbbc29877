package cn.zhangzhou.partybuilding.dashboard.projection;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import cn.zhangzhou.partybuilding.messaging.InboundEventsConfiguration;

/**
 * Only the consuming half of events-messaging: its auto-configuration is excluded (application.yml), being made for
 * a district's service, with a district, an events topic and an outbox; the dashboard serves the city and publishes
 * nothing.
 */
@Configuration(proxyBeanMethods = false)
@Import(InboundEventsConfiguration.class)
class InboundEventsConfig {
}
