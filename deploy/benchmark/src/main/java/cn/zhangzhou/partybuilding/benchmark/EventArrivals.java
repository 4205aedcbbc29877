package cn.zhangzhou.partybuilding.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import cn.zhangzhou.partybuilding.events.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches the service's events topic from its end and notes, per event of one type (MemberRegistered for
 * the write path, WishClaimed for the claim path), when it arrived ({@link System#nanoTime()}, the same clock
 * the load threads stamp "accepted" with), keyed by the record key: the aggregate (member or wish) id.
 */
final class EventArrivals implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final String ceType;
    private final Map<UUID, Long> arrivals = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    private EventArrivals(KafkaConsumer<String, byte[]> consumer, String ceType) {
        this.consumer = consumer;
        this.ceType = ceType;
        this.thread = new Thread(this::run, "event-arrivals");
        this.thread.setDaemon(true);
    }

    /** Positions at the end of every partition of {@code topic} before returning, so no later event is missed. */
    static EventArrivals start(String bootstrapServers, String topic, String ceType) throws InterruptedException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "benchmark-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<PartitionInfo> partitions = List.of();
        // The service creates its topic at start-up; give the metadata a bounded while to show it.
        for (int attempt = 0; attempt < 60 && partitions.isEmpty(); attempt++) {
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(1));
            if (partitions.isEmpty()) {
                Thread.onSpinWait();
            }
        }
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        List<TopicPartition> assigned = partitions.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToEnd(assigned);
        assigned.forEach(consumer::position); // resolves the end offsets now, not at the first poll
        EventArrivals arrivals = new EventArrivals(consumer, ceType);
        arrivals.thread.start();
        return arrivals;
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(50));
                long now = System.nanoTime();
                boolean any = false;
                for (ConsumerRecord<String, byte[]> r : records) {
                    Header type = r.headers().lastHeader(EventEnvelope.H_TYPE);
                    if (type != null && ceType.equals(new String(type.value(), StandardCharsets.UTF_8)) && r.key() != null) {
                        arrivals.putIfAbsent(UUID.fromString(r.key()), now);
                        any = true;
                    }
                }
                if (any) {
                    synchronized (this) {
                        notifyAll();
                    }
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Arrival time (nanoTime) of the member's MemberRegistered event, or null if not (yet) seen. */
    Long arrival(UUID member) {
        return arrivals.get(member);
    }

    /** Waits, at most {@code timeout}, until every member's event arrived; returns how many are still missing. */
    long awaitAll(Collection<UUID> members, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (failure != null) {
                throw new IllegalStateException("the event consumer failed", failure);
            }
            long missing = members.stream().filter(m -> !arrivals.containsKey(m)).count();
            long left = deadline - System.nanoTime();
            if (missing == 0 || left <= 0) {
                return missing;
            }
            synchronized (this) {
                wait(Math.max(1, Math.min(200, left / 1_000_000)));
            }
        }
    }

    /** Forget what was seen (between phases), keeping memory flat over a long run. */
    void forget(Collection<UUID> members) {
        members.forEach(arrivals::remove);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
