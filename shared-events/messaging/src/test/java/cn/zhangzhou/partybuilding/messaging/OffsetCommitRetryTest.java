package cn.zhangzhou.partybuilding.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import cn.zhangzhou.partybuilding.embedded.KafkaBroker;
import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.messaging.testapp.MessagingTestApplication;
import cn.zhangzhou.partybuilding.messaging.testapp.OrganisationNames;
import cn.zhangzhou.partybuilding.messaging.testapp.RenamedProjection;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Decision 0035: an asynchronous offset commit that fails after the last record of a partition is committed again
 * once the partition is idle. A broker of this test's own is stopped while the listener holds the last record, so the
 * commit that follows the record fails; after the broker's restart no further record arrives, and the group's
 * committed offsets must still reach the end of the topic (without the retry they stayed one behind for good).
 */
@SpringBootTest(classes = MessagingTestApplication.class, properties = "zz.district=longhai")
class OffsetCommitRetryTest {

    static final String TOPIC = "longhai.membership.events";
    static KafkaBroker broker = OwnBroker.start("commits");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestInfrastructure.newDatabase("commits"));
        registry.add("spring.datasource.username", TestInfrastructure::postgresUser);
        registry.add("spring.datasource.password", TestInfrastructure::postgresPassword);
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Autowired OrganisationNames names;
    @Autowired RenamedProjection projection;
    @Autowired JdbcClient jdbc;
    @Autowired MeterRegistry meters;

    @Test
    void aCommitLostWithTheBrokerAfterThePartitionsLastRecordIsCommittedAgainWhenIdle() throws Exception {
        EventEnvelope warmUp = names.rename(UUID.randomUUID(), "before the outage", 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> appliedCount(warmUp) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> lag().values().stream().allMatch(l -> l == 0));

        EventEnvelope held = names.rename(UUID.randomUUID(), RenamedProjection.HELD, 1);
        await().atMost(Duration.ofSeconds(30)).until(projection::holding);
        broker.stop();
        projection.release();
        // Applied in the database; the offset commit after it finds no broker.
        await().atMost(Duration.ofSeconds(30)).until(() -> appliedCount(held) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> commits("failed") >= 1);

        broker = broker.restart();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(lag())
                .as("records after the group's committed offset, per partition")
                .isNotEmpty()
                .allSatisfy((partition, lag) -> assertThat(lag).isZero()));
        assertThat(commits("committed-again")).isGreaterThanOrEqualTo(1);
        // Committed again, not applied again.
        assertThat(appliedCount(held)).isEqualTo(1);
    }

    private double commits(String outcome) {
        return meters.find("zz.consumer.offset.commits").tags("group", RenamedProjection.CONSUMER, "outcome", outcome)
                .counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** The broker's view: records after the projection's committed offset, for every partition holding any. */
    private static Map<TopicPartition, Long> lag() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets(RenamedProjection.CONSUMER).partitionsToOffsetAndMetadata().get();
            var partitions = admin.describeTopics(java.util.List.of(TOPIC)).allTopicNames().get().get(TOPIC)
                    .partitions().stream().map(p -> new TopicPartition(TOPIC, p.partition()))
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            return admin.listOffsets(partitions).all().get().entrySet().stream()
                    .filter(end -> end.getValue().offset() > 0)
                    .collect(Collectors.toMap(Map.Entry::getKey, end -> end.getValue().offset()
                            - (committed.get(end.getKey()) == null ? 0 : committed.get(end.getKey()).offset())));
        }
    }

    private int appliedCount(EventEnvelope event) {
        return jdbc.sql("select coalesce(max(applied_count), 0) from applied_event where event_id = :id")
                .param("id", event.id()).query(Integer.class).single();
    }
}
