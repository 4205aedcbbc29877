package cn.zhangzhou.partybuilding.membership.testing;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import cn.zhangzhou.partybuilding.events.EventType;
import cn.zhangzhou.partybuilding.events.InvalidEventException;
import cn.zhangzhou.partybuilding.messaging.InboundEvents;
import cn.zhangzhou.partybuilding.messaging.MessagingSchema;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

/**
 * A rule of the running consumer that a test controls: an event about a refused aggregate is poison to it, as an
 * event is to a consumer build that does not accept it yet; {@link #fix} is the fixed build. The record never
 * changes, the consumer does (the dead-letter replay of decision 0022). Every other event is validated as always.
 */
public final class ConsumerRule {

    private static final Set<String> REFUSED = ConcurrentHashMap.newKeySet();

    public static void refuse(UUID aggregate) {
        REFUSED.add(aggregate.toString());
    }

    public static void fix(UUID aggregate) {
        REFUSED.remove(aggregate.toString());
    }

    @Bean
    InboundEvents inboundEvents(DataSource dataSource, PlatformTransactionManager transactionManager,
                                MeterRegistry meters, MessagingSchema schema) {
        return new InboundEvents(dataSource, transactionManager, meters, schema) {
            @Override
            protected void validateAgainstSchema(EventType<?> type, JsonNode payload) {
                super.validateAgainstSchema(type, payload);
                String json = payload.toString();
                if (REFUSED.stream().anyMatch(json::contains)) {
                    throw new InvalidEventException("this consumer does not accept " + type.ceType() + " yet");
                }
            }
        };
    }
}
