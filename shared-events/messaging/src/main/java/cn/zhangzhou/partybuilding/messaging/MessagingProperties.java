package cn.zhangzhou.partybuilding.messaging;

import java.time.Duration;

import cn.zhangzhou.partybuilding.events.Districts;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Messaging configuration of one service instance.
 *
 * @param district the district (区县) this deployment serves, e.g. {@code xiangcheng}; required
 * @param service the producing service name, e.g. {@code membership}; required
 * @param outbox relay tuning
 * @param topicPartitions partitions of the service's events topic and its dead-letter topic when created
 */
@ConfigurationProperties("zz")
public record MessagingProperties(String district, String service, @DefaultValue Relay outbox,
                                  @DefaultValue("3") int topicPartitions) {

    public MessagingProperties {
        Districts.require(district);
        if (service == null || !service.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("zz.service must be a lower-case service name, was: " + service);
        }
        if (topicPartitions < 1) {
            throw new IllegalArgumentException("zz.topic-partitions must be >= 1: " + topicPartitions);
        }
    }

    /**
     * @param relayEnabled whether this instance runs a relay at all (several may; one is active at a time)
     * @param batchSize rows published per poll, at most one per aggregate
     * @param pollInterval pause after a poll that found nothing to publish, unless a commit of this instance signals
     *                     sooner: the safety net for rows of instances without a relay
     * @param maxBackoff longest pause after failed polls (broker or database down)
     */
    public record Relay(
            @DefaultValue("true") boolean relayEnabled,
            @DefaultValue("500") int batchSize,
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("2s") Duration maxBackoff) {

        public Relay {
            if (batchSize < 1) {
                throw new IllegalArgumentException("zz.outbox.batch-size must be >= 1: " + batchSize);
            }
        }
    }
}
