package cn.zhangzhou.partybuilding.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How far behind the platform is, in seconds: the older of the oldest event a service's consumer group has not yet
 * consumed (its record timestamp, for every group of the run on every membership topic) and the oldest outbox row
 * not yet on Kafka (every service database). Infinite while Kafka or PostgreSQL cannot answer. Read past the proxies.
 */
final class Lag implements AutoCloseable {

    static final double UNKNOWN = Double.POSITIVE_INFINITY;

    private final Platform platform;
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> probe;

    Lag(Platform platform) {
        this.platform = platform;
        String bootstrap = platform.kafka.directBootstrap();
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000));
        this.probe = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000, ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Waits (bounded) until {@link #seconds()} is under {@code limit}; how long that took, or null if never. */
    Duration awaitUnder(double limit, Duration timeout) {
        long start = System.nanoTime();
        while (System.nanoTime() - start < timeout.toNanos()) {
            if (seconds() < limit) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            // The poll interval of a measurement, not a wait for a result.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
        return null;
    }

    double seconds() {
        try {
            return Math.max(consumers(), outboxes());
        } catch (Exception notAnswering) {
            return UNKNOWN;
        }
    }

    /** The oldest unconsumed membership event of every consumer group of the services, in seconds. */
    double consumers() throws Exception {
        List<String> groups = admin.listConsumerGroups().all().get(3, TimeUnit.SECONDS).stream()
                .map(ConsumerGroupListing::groupId)
                .filter(g -> Platform.SERVICES.stream().anyMatch(service -> g.startsWith(service.id() + "-")))
                .toList();
        Map<TopicPartition, Long> behind = new HashMap<>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(3, TimeUnit.SECONDS);
            Map<TopicPartition, Long> ends = admin.listOffsets(committed.keySet().stream()
                            .filter(tp -> tp.topic().endsWith(".membership.events"))
                            .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                    .all().get(3, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            ends.forEach((tp, end) -> {
                OffsetAndMetadata position = committed.get(tp);
                if (position != null && position.offset() < end) {
                    behind.merge(tp, position.offset(), Math::min);
                }
            });
        }
        if (behind.isEmpty()) {
            return 0;
        }
        probe.assign(behind.keySet());
        behind.forEach(probe::seek);
        long oldest = Long.MAX_VALUE;
        Map<TopicPartition, Boolean> seen = new HashMap<>();
        for (int polls = 0; polls < 5 && seen.size() < behind.size(); polls++) {
            for (ConsumerRecord<byte[], byte[]> r : probe.poll(Duration.ofMillis(500))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (seen.putIfAbsent(tp, true) == null) {
                    oldest = Math.min(oldest, r.timestamp());
                }
            }
        }
        return oldest == Long.MAX_VALUE ? UNKNOWN : (System.currentTimeMillis() - oldest) / 1000.0;
    }

    /** The oldest outbox row not yet on Kafka, of every service, in seconds. */
    double outboxes() throws Exception {
        double oldest = 0;
        for (Platform.Service service : platform.services()) {
            try (Connection c = platform.database(service.database()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(
                         "select coalesce(extract(epoch from clock_timestamp() - min(occurred_at)), 0) from outbox_event")) {
                rs.next();
                oldest = Math.max(oldest, rs.getDouble(1));
            }
        }
        return oldest;
    }

    @Override
    public void close() {
        probe.close();
        admin.close();
    }
}
