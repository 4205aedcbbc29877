package cn.zhangzhou.partybuilding.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RetriableCommitFailedException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The bookkeeping of {@link OffsetCommits} (decision 0035), on Kafka's own in-memory consumer: which failed offsets it
 * keeps, and when it commits them again. {@code OffsetCommitRetryTest} shows it against a real broker.
 */
class OffsetCommitsTest {

    static final TopicPartition P0 = new TopicPartition("xiangcheng.membership.events", 0);
    static final TopicPartition P1 = new TopicPartition("xiangcheng.membership.events", 1);
    static final RetriableCommitFailedException BROKER_AWAY = new RetriableCommitFailedException("disconnected");

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final OffsetCommits commits = new OffsetCommits("directory", meters);
    final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");

    @Test
    void aFailedCommitIsKeptUntilALaterCommitOfTheSamePartitionSucceeds() {
        commits.onComplete(Map.of(P0, at(5), P1, at(7)), BROKER_AWAY);
        commits.onComplete(Map.of(P0, at(9)), null);

        assertThat(commits.failed()).containsOnlyKeys(P1).containsEntry(P1, at(7));
        assertThat(meters.get("zz.consumer.offset.commits").tags("group", "directory", "outcome", "failed")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void aLaterFailureOfTheSamePartitionKeepsTheFurthestOffset() {
        commits.onComplete(Map.of(P0, at(5)), BROKER_AWAY);
        commits.onComplete(Map.of(P0, at(8)), BROKER_AWAY);
        commits.onComplete(Map.of(P0, at(6)), null);

        assertThat(commits.failed()).containsEntry(P0, at(8));
    }

    @Test
    void theIdlePartitionsFailedOffsetIsCommittedAgainOnce() {
        consumer.assign(List.of(P0, P1));
        commits.onComplete(Map.of(P0, at(5), P1, at(7)), BROKER_AWAY);

        commits.commitAgain(consumer, P0);

        assertThat(consumer.committed(Set.of(P0, P1))).containsEntry(P0, at(5)).doesNotContainKey(P1);
        assertThat(commits.failed()).containsOnlyKeys(P1);
        assertThat(committedAgain()).isEqualTo(1);
        commits.commitAgain(consumer, P0);
        assertThat(committedAgain()).isEqualTo(1);
    }

    @Test
    void anOffsetTheGroupHasCommittedPastIsNeverCommittedBackwards() {
        consumer.assign(List.of(P0));
        commits.onComplete(Map.of(P0, at(5)), BROKER_AWAY);
        consumer.commitSync(Map.of(P0, at(12)));

        commits.commitAgain(consumer, P0);

        assertThat(consumer.committed(Set.of(P0))).containsEntry(P0, at(12));
        assertThat(commits.failed()).isEmpty();
        assertThat(committedAgain()).isZero();
    }

    @Test
    void aPartitionNoLongerAssignedIsLeftToItsNewOwner() {
        consumer.assign(List.of(P1));
        commits.onComplete(Map.of(P0, at(5)), BROKER_AWAY);

        commits.commitAgain(consumer, P0);

        assertThat(consumer.committed(Set.of(P0))).doesNotContainKey(P0);
        assertThat(commits.failed()).isEmpty();
    }

    @Test
    void aBrokerStillAwayKeepsTheOffsetForTheNextIdleEvent() {
        AtomicBoolean away = new AtomicBoolean(true);
        MockConsumer<String, byte[]> reconnecting = new MockConsumer<>("earliest") {
            @Override
            public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
                if (away.get()) {
                    throw new TimeoutException("no coordinator within " + timeout);
                }
                super.commitSync(offsets, timeout);
            }
        };
        reconnecting.assign(List.of(P0));
        commits.onComplete(Map.of(P0, at(5)), BROKER_AWAY);

        commits.commitAgain(reconnecting, P0);
        assertThat(commits.failed()).containsEntry(P0, at(5));

        away.set(false);
        commits.commitAgain(reconnecting, P0);
        assertThat(commits.failed()).isEmpty();
        assertThat(reconnecting.committed(Set.of(P0))).containsEntry(P0, at(5));
    }

    private double committedAgain() {
        return meters.get("zz.consumer.offset.commits").tags("group", "directory", "outcome", "committed-again")
                .counter().count();
    }

    private static OffsetAndMetadata at(long offset) {
        return new OffsetAndMetadata(offset);
    }
}
