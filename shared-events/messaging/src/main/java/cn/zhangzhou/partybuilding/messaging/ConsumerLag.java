package cn.zhangzhou.partybuilding.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * {@code zz.consumer.lag{group, topic, partition}}: for every partition assigned to this instance's listeners, the
 * records on the broker after its group's committed offset, read from the broker every 15 s. The broker's view, not
 * the consumer's fetch metrics: a listener stuck retrying one record (decision 0005) keeps its lag growing here, and
 * Kafka's per-partition {@code records-lag} is not bound by Micrometer in this setup.
 */
final class ConsumerLag implements SmartLifecycle {

    static final Duration INTERVAL = Duration.ofSeconds(15);
    private static final long TIMEOUT_SECONDS = 10;
    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);

    private final KafkaListenerEndpointRegistry listeners;
    private final Map<String, Object> adminProperties;
    private final MultiGauge lag;
    private ScheduledExecutorService scheduler;
    private Admin admin;

    ConsumerLag(KafkaListenerEndpointRegistry listeners, Map<String, Object> adminProperties, MeterRegistry meters) {
        this.listeners = listeners;
        this.adminProperties = adminProperties;
        this.lag = MultiGauge.builder("zz.consumer.lag")
                .description("Records on the broker after the consumer group's committed offset, per partition")
                .register(meters);
    }

    @Override
    public synchronized void start() {
        admin = Admin.create(adminProperties);
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "consumer-lag");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::refresh, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            // Nothing to finish: a pending read of offsets is dropped, and a broker that is down delays no shutdown.
            admin.close(Duration.ZERO);
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    private void refresh() {
        try {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (MessageListenerContainer container : listeners.getListenerContainers()) {
                Collection<TopicPartition> assigned = container.getAssignedPartitions();
                if (container.getGroupId() != null && assigned != null && !assigned.isEmpty()) {
                    rows.addAll(rows(container.getGroupId(), assigned));
                }
            }
            lag.register(rows, true);
        } catch (Exception e) {
            // Kafka unreachable: the last values stay; the relay's and the listeners' own logs say why.
            log.debug("consumer lag not refreshed: {}", e.toString());
        }
    }

    private List<MultiGauge.Row<?>> rows(String group, Collection<TopicPartition> assigned) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> first = offsets(assigned, OffsetSpec.earliest());
        Map<TopicPartition, ListOffsetsResultInfo> end = offsets(assigned, OffsetSpec.latest());
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (TopicPartition partition : assigned) {
            OffsetAndMetadata done = committed.get(partition);
            // Nothing committed yet: the group starts from the earliest record (auto-offset-reset=earliest).
            long from = done == null ? first.get(partition).offset() : done.offset();
            rows.add(MultiGauge.Row.of(Tags.of("group", group, "topic", partition.topic(),
                    "partition", Integer.toString(partition.partition())), Math.max(0, end.get(partition).offset() - from)));
        }
        return rows;
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(Collection<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
