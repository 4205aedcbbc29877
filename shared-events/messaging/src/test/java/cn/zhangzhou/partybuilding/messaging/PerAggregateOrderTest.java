package cn.zhangzhou.partybuilding.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.events.membership.OrganisationRenamed;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Per-aggregate order whatever the producer does (decision 0017): the relay runs against a real PostgreSQL outbox
 * and a producer that fails the records a test chooses, the way a producer batch expires ({@code delivery.timeout.ms})
 * while a later batch of the same partition is delivered. Deterministic: the relay is single-threaded, polls in id
 * order, and the failures depend only on the order of hand-overs.
 */
class PerAggregateOrderTest {

    private final MessagingProperties properties = new MessagingProperties("xiangcheng", "membership",
            new MessagingProperties.Relay(true, 500, Duration.ofMillis(5), Duration.ofMillis(20)), 3);
    private HikariDataSource dataSource;
    private TransactionTemplate transaction;
    private Outbox outbox;
    private OutboxRelay relay;
    private FlakyKafka kafka;

    @BeforeEach
    void outbox() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(TestInfrastructure.newDatabase("order"));
        dataSource.setUsername(TestInfrastructure.postgresUser());
        dataSource.setPassword(TestInfrastructure.postgresPassword());
        DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
        transaction = new TransactionTemplate(transactionManager);
        MessagingSchema schema = MessagingSchema.migrate(dataSource);
        OutboxSignal signal = new OutboxSignal();
        outbox = new Outbox(JdbcClient.create(dataSource), transactionManager, properties, TraceparentSource.NONE,
                signal, Clock.systemUTC(), schema);
        kafka = new FlakyKafka();
        relay = new OutboxRelay(JdbcClient.create(dataSource), transactionManager, properties, kafka::newProducer,
                new SimpleMeterRegistry(), signal, schema);
    }

    @AfterEach
    void stopRelay() {
        relay.stop();
        dataSource.close();
    }

    @Test
    void whenTheFirstEventOfAnAggregateFailsNoLaterOneIsSentBeforeItIsOnKafka() {
        UUID hot = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        // Version 1 of the hot aggregate expires three times; everything else would be delivered at once.
        kafka.fail(new Predicate<>() {
            int failures;

            @Override
            public boolean test(ProducerRecord<String, byte[]> record) {
                return record.key().equals(hot.toString()) && version(record) == 1 && failures++ < 3;
            }
        });
        appendVersions(List.of(hot, other), 10);

        drain();

        assertThat(kafka.failed).as("the failure happened").hasSize(3);
        assertThat(kafka.sentBeforeTheirPredecessor).isEmpty();
        assertThat(kafka.firstArrivals(hot)).containsExactlyElementsOf(versions(10));
        assertThat(kafka.firstArrivals(other)).containsExactlyElementsOf(versions(10));
    }

    @Test
    void underRandomFailuresEveryAggregateArrivesCompleteAndInOrder() {
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(seed);
            kafka.reset(record -> random.nextInt(10) < 2);
            List<UUID> aggregates = IntStream.range(0, 4).mapToObj(i -> UUID.randomUUID()).toList();
            appendVersions(aggregates, 10);

            drain();

            assertThat(kafka.failed).as("seed %d failed some hand-overs", seed).isNotEmpty();
            assertThat(kafka.sentBeforeTheirPredecessor).as("seed %d", seed).isEmpty();
            for (UUID aggregate : aggregates) {
                assertThat(kafka.firstArrivals(aggregate)).as("seed %d, aggregate %s", seed, aggregate)
                        .containsExactlyElementsOf(versions(10));
            }
        }
    }

    /** Writes the versions round-robin over the aggregates, each in its own transaction, as services do. */
    private void appendVersions(List<UUID> aggregates, int versions) {
        for (int v = 1; v <= versions; v++) {
            for (UUID aggregate : aggregates) {
                long version = v;
                transaction.executeWithoutResult(status ->
                        outbox.append(new OrganisationRenamed(aggregate, "name " + version), version));
            }
        }
    }

    private void drain() {
        relay.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> JdbcClient.create(dataSource)
                .sql("select count(*) from outbox_event").query(Long.class).single() == 0);
        relay.stop();
    }

    private static long version(ProducerRecord<String, byte[]> record) {
        return Long.parseLong(header(record, "ce_aggregateversion"));
    }

    private static List<Long> versions(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(Long::valueOf).toList();
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /**
     * Kafka as the relay sees it through its producers (a new one after every failure): a record handed over is
     * either on Kafka at once or fails, as the chosen predicate says. Records what was handed over too early.
     */
    static final class FlakyKafka {

        final List<ProducerRecord<String, byte[]>> onKafka = new ArrayList<>();
        final List<ProducerRecord<String, byte[]>> failed = new ArrayList<>();
        /** Hand-overs of version n+1 while version n of that aggregate was not on Kafka yet. */
        final List<String> sentBeforeTheirPredecessor = new ArrayList<>();
        private final Set<String> delivered = new HashSet<>();
        private Predicate<ProducerRecord<String, byte[]>> fails = record -> false;

        void fail(Predicate<ProducerRecord<String, byte[]>> fails) {
            this.fails = fails;
        }

        void reset(Predicate<ProducerRecord<String, byte[]>> fails) {
            onKafka.clear();
            failed.clear();
            sentBeforeTheirPredecessor.clear();
            delivered.clear();
            this.fails = fails;
        }

        Producer<String, byte[]> newProducer() {
            return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
                @Override
                public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record,
                                                                Callback callback) {
                    return handOver(record, () -> super.send(record, callback));
                }
            };
        }

        private synchronized Future<RecordMetadata> handOver(ProducerRecord<String, byte[]> record,
                                                             Supplier<Future<RecordMetadata>> send) {
            long version = version(record);
            if (version > 1 && !delivered.contains(record.key() + "/" + (version - 1))) {
                sentBeforeTheirPredecessor.add(record.key() + " v" + version);
            }
            if (fails.test(record)) {
                failed.add(record);
                return CompletableFuture.failedFuture(new TimeoutException(
                        "Expiring 1 record(s): delivery.timeout.ms has passed since batch creation"));
            }
            onKafka.add(record);
            delivered.add(record.key() + "/" + version);
            return send.get();
        }

        /** The versions of one aggregate in order of first arrival: what a consumer applies. */
        synchronized List<Long> firstArrivals(UUID aggregate) {
            Map<String, Long> firstSeen = new LinkedHashMap<>();
            for (ProducerRecord<String, byte[]> record : onKafka) {
                if (record.key().equals(aggregate.toString())) {
                    firstSeen.putIfAbsent(header(record, "ce_id"), version(record));
                }
            }
            return List.copyOf(firstSeen.values());
        }
    }
}
