package cn.zhangzhou.partybuilding.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.event.ListenerContainerPartitionIdleEvent;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The asynchronous offset commits of one listener container (decision 0031), remembered when they fail and committed
 * again once the partition goes quiet (decision 0035). Spring for Apache Kafka does not retry an asynchronous commit,
 * and it commits only the offsets of records it has just handed to the listener: a commit lost to a broker restart or
 * a reset connection right after the last record of a partition would leave the group's committed offset behind for
 * good (a stale lag on the status page, and those records delivered again after a restart). A later successful commit
 * of the same partition supersedes the failed one; otherwise, when the partition has had no record for
 * {@link #RETRY_WHEN_IDLE}, the container publishes a {@link ListenerContainerPartitionIdleEvent} on its consumer
 * thread and {@link #commitAgain} commits the failed offset there, synchronously, until it succeeds.
 */
final class OffsetCommits implements OffsetCommitCallback {

    static final Duration RETRY_WHEN_IDLE = Duration.ofSeconds(10);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(OffsetCommits.class);

    private final String group;
    private final Map<TopicPartition, OffsetAndMetadata> failed = new ConcurrentHashMap<>();
    private final Counter failures;
    private final Counter committedAgain;

    OffsetCommits(String group, MeterRegistry meters) {
        this.group = group;
        this.failures = counter(meters, group, "failed");
        this.committedAgain = counter(meters, group, "committed-again");
    }

    private static Counter counter(MeterRegistry meters, String group, String outcome) {
        return Counter.builder("zz.consumer.offset.commits")
                .description("Asynchronous offset commits that failed, and failed offsets committed again when idle")
                .tags("group", group, "outcome", outcome)
                .register(meters);
    }

    /** Asynchronous commits, with their failures committed again when the partition is idle. */
    static void configure(ContainerProperties properties, String group, MeterRegistry meters) {
        properties.setSyncCommits(false);
        properties.setCommitCallback(new OffsetCommits(group, meters));
        properties.setIdlePartitionEventInterval(RETRY_WHEN_IDLE.toMillis());
    }

    /** Hands each idle partition to the {@link OffsetCommits} of its container, on the container's consumer thread. */
    static final class RetryWhenIdle implements ApplicationListener<ListenerContainerPartitionIdleEvent> {

        @Override
        public void onApplicationEvent(ListenerContainerPartitionIdleEvent event) {
            MessageListenerContainer container = event.getContainer(MessageListenerContainer.class);
            if (container != null
                    && container.getContainerProperties().getCommitCallback() instanceof OffsetCommits commits) {
                commits.commitAgain(event.getConsumer(), event.getTopicPartition());
            }
        }
    }

    /** Called by the consumer, on the container's thread, in the order the commits were made. */
    @Override
    public void onComplete(Map<TopicPartition, OffsetAndMetadata> offsets, Exception exception) {
        if (exception == null) {
            offsets.forEach((partition, offset) -> failed.computeIfPresent(partition,
                    (p, pending) -> offset.offset() >= pending.offset() ? null : pending));
            return;
        }
        failures.increment();
        offsets.forEach((partition, offset) -> failed.merge(partition, offset,
                (pending, newer) -> newer.offset() >= pending.offset() ? newer : pending));
        log.warn("Offset commit of consumer group {} failed for {}; committed again when the partition is idle: {}",
                group, offsets, exception.toString());
    }

    /**
     * Commits the failed offset of the partition again, unless the group has committed as far since (another member
     * may have owned the partition in between). Runs on the consumer's own thread: the consumer is not thread-safe.
     */
    void commitAgain(Consumer<?, ?> consumer, TopicPartition partition) {
        OffsetAndMetadata pending = failed.get(partition);
        if (pending == null) {
            return;
        }
        try {
            if (!consumer.assignment().contains(partition)) {
                // Its new owner commits what it consumes; our offset may be older than theirs.
                failed.remove(partition, pending);
                return;
            }
            OffsetAndMetadata committed = consumer.committed(Set.of(partition), COMMIT_TIMEOUT).get(partition);
            if (committed == null || committed.offset() < pending.offset()) {
                consumer.commitSync(Map.of(partition, pending), COMMIT_TIMEOUT);
                committedAgain.increment();
                log.info("Consumer group {} committed {} at {} again", group, partition, pending.offset());
            }
            failed.remove(partition, pending);
        } catch (WakeupException | InterruptException e) {
            throw e; // the container is stopping: its own loop handles these
        } catch (KafkaException e) {
            // Still failing (the broker may still be away): the next idle event tries again.
            log.warn("Consumer group {} could not commit {} at {} again yet: {}", group, partition, pending.offset(),
                    e.toString());
        }
    }

    /** The failed offsets not yet committed again, for tests. */
    Map<TopicPartition, OffsetAndMetadata> failed() {
        return Map.copyOf(failed);
    }
}
