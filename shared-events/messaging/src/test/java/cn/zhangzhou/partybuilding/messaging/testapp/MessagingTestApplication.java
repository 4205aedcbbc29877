package cn.zhangzhou.partybuilding.messaging.testapp;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;

import javax.sql.DataSource;

import cn.zhangzhou.partybuilding.messaging.MessagingAutoConfiguration;
import cn.zhangzhou.partybuilding.messaging.MessagingProperties;
import cn.zhangzhou.partybuilding.messaging.MessagingSchema;
import cn.zhangzhou.partybuilding.messaging.OutboxRelay;
import cn.zhangzhou.partybuilding.messaging.OutboxSignal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** A tiny service using events-messaging the way a real one does: only the dependency and zz.* properties. */
@SpringBootApplication
public class MessagingTestApplication {

    /** A tracer, so the outbox has a current span to capture. */
    @Bean
    SimpleTracer tracer() {
        return new SimpleTracer();
    }

    /** The relay, with a switch to make it die between Kafka's acknowledgement and its commit. */
    @Bean
    CrashableRelay outboxRelay(DataSource dataSource, PlatformTransactionManager transactionManager,
                               MessagingProperties properties, KafkaProperties kafka, MeterRegistry meters,
                               OutboxSignal signal, MessagingSchema schema) {
        return new CrashableRelay(JdbcClient.create(dataSource), transactionManager, properties,
                MessagingAutoConfiguration.relayProducer(properties, kafka, null), meters, signal, schema);
    }

    public static class CrashableRelay extends OutboxRelay {

        private final AtomicBoolean crashNextBatch = new AtomicBoolean();
        private final AtomicInteger crashes = new AtomicInteger();

        CrashableRelay(JdbcClient jdbc, PlatformTransactionManager tm, MessagingProperties properties,
                       java.util.function.Supplier<org.apache.kafka.clients.producer.Producer<String, byte[]>> producer,
                       MeterRegistry meters, OutboxSignal signal, MessagingSchema schema) {
            super(jdbc, tm, properties, producer, meters, signal, schema);
        }

        public void crashNextBatch() {
            crashNextBatch.set(true);
        }

        public int crashes() {
            return crashes.get();
        }

        @Override
        protected void beforeCommit(List<OutboxRow> batch) {
            if (crashNextBatch.getAndSet(false)) {
                crashes.incrementAndGet();
                throw new IllegalStateException("relay died after Kafka acknowledged " + batch.size() + " events");
            }
        }
    }
}
