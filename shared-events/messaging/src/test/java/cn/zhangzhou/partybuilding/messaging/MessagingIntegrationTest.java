package cn.zhangzhou.partybuilding.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.EventJson;
import cn.zhangzhou.partybuilding.events.InvalidEventException;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.events.membership.OrganisationRenamed;
import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.messaging.InboundEvents.Outcome;
import cn.zhangzhou.partybuilding.messaging.testapp.MessagingTestApplication;
import cn.zhangzhou.partybuilding.messaging.testapp.MessagingTestApplication.CrashableRelay;
import cn.zhangzhou.partybuilding.messaging.testapp.OrganisationNames;
import cn.zhangzhou.partybuilding.messaging.testapp.RenamedProjection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outbox → relay → Kafka → listener → InboundEvents, against a real broker and a real PostgreSQL. The relay's idle
 * poll is half a minute here: every event must reach Kafka on its commit's signal, or on the relay's retry after
 * another instance held the lock, never by waiting for the safety-net poll.
 */
@SpringBootTest(classes = MessagingTestApplication.class, properties = "zz.outbox.poll-interval=30s")
class MessagingIntegrationTest {

    static final String TOPIC = Topics.events("xiangcheng", "membership");
    static final String OTHER_DISTRICT_TOPIC = Topics.events("longwen", "membership");
    static TopicReader reader;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestInfrastructure.newDatabase("messaging"));
        registry.add("spring.datasource.username", TestInfrastructure::postgresUser);
        registry.add("spring.datasource.password", TestInfrastructure::postgresPassword);
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
    }

    @BeforeAll
    static void topics() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestInfrastructure.kafkaBootstrapServers()))) {
            var existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String t : List.of(TOPIC, OTHER_DISTRICT_TOPIC)) {
                if (!existing.contains(t)) {
                    missing.add(new NewTopic(t, 3, (short) 1));
                }
            }
            admin.createTopics(missing).all().get();
        }
        reader = new TopicReader(TestInfrastructure.kafkaBootstrapServers(), TOPIC);
    }

    @AfterAll
    static void closeReader() {
        reader.close();
    }

    @Autowired OrganisationNames names;
    @Autowired Outbox outbox;
    @Autowired InboundEvents inbound;
    @Autowired CrashableRelay relay;
    @Autowired RenamedProjection projection;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired TransactionTemplate transaction;
    @Autowired Tracer tracer;
    @Autowired MeterRegistry meters;
    @Autowired KafkaListenerEndpointRegistry listeners;

    @Test
    void appendedEventReachesKafkaWithCloudEventsHeadersKeyAndTraceparent() {
        UUID org = UUID.randomUUID();
        Span span = tracer.nextSpan().name("rename").start();
        EventEnvelope envelope;
        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            envelope = names.rename(org, "芗城区东铺头街道党工委", 1);
        } finally {
            span.end();
        }

        ConsumerRecord<String, byte[]> record = await().atMost(Duration.ofSeconds(20))
                .until(() -> reader.records(org.toString()), r -> !r.isEmpty()).get(0);
        assertThat(record.key()).isEqualTo(org.toString());
        assertThat(record.topic()).isEqualTo("xiangcheng.membership.events");
        assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(TopicReader.header(record, "ce_id")).isEqualTo(envelope.id().toString());
        assertThat(TopicReader.header(record, "ce_source")).isEqualTo("/districts/xiangcheng/membership");
        assertThat(TopicReader.header(record, "ce_type")).isEqualTo("zz.membership.OrganisationRenamed.v1");
        assertThat(TopicReader.header(record, "ce_subject")).isEqualTo(org.toString());
        assertThat(TopicReader.header(record, "ce_dataschema"))
                .isEqualTo(MembershipEvents.ORGANISATION_RENAMED.dataSchema().toString());
        assertThat(TopicReader.header(record, "ce_district")).isEqualTo("xiangcheng");
        assertThat(TopicReader.header(record, "ce_aggregateversion")).isEqualTo("1");
        assertThat(TopicReader.header(record, "content-type")).isEqualTo("application/json");
        assertThat(Instant.parse(TopicReader.header(record, "ce_time"))).isEqualTo(envelope.time());
        assertThat(TopicReader.header(record, "traceparent"))
                .isEqualTo(MicrometerTraceparentSource.format(span.context()))
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        assertThat(record.headers().headers("traceparent")).hasSize(1);
        assertThat(EventJson.read(EventJson.parse(record.value()), OrganisationRenamed.class))
                .isEqualTo(new OrganisationRenamed(org, "芗城区东铺头街道党工委"));
        // The listener of the test service applies it once.
        await().atMost(Duration.ofSeconds(20)).until(() -> appliedCount(envelope.id()) == 1);
    }

    /**
     * Decision 0031: the listeners commit their offsets without waiting for the broker's answer, after the database
     * transaction, and the commits still reach the broker.
     */
    @Test
    void listenersCommitTheirOffsetsWithoutWaitingAndTheCommitsReachTheBroker() throws Exception {
        assertThat(listeners.getListenerContainers()).isNotEmpty()
                .allSatisfy(container -> {
                    assertThat(container.getContainerProperties().isSyncCommits()).isFalse();
                    // Decision 0035: a failed commit is committed again once its partition is idle.
                    assertThat(container.getContainerProperties().getCommitCallback()).isInstanceOf(OffsetCommits.class);
                    assertThat(container.getContainerProperties().getIdlePartitionEventInterval())
                            .isEqualTo(OffsetCommits.RETRY_WHEN_IDLE.toMillis());
                });
        UUID org = UUID.randomUUID();
        EventEnvelope envelope = names.rename(org, "its offset committed", 1);
        ConsumerRecord<String, byte[]> record = await().atMost(Duration.ofSeconds(20))
                .until(() -> reader.records(org.toString()), r -> !r.isEmpty()).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> appliedCount(envelope.id()) == 1);

        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(RenamedProjection.CONSUMER)
                        .partitionsToOffsetAndMetadata().get().get(partition);
                return committed != null && committed.offset() > record.offset();
            });
        }
    }

    @Test
    void rolledBackTransactionSendsNothing() {
        UUID org = UUID.randomUUID();
        assertThatThrownBy(() -> names.renameAndFail(org, "never happened", 1))
                .isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.sql("select count(*) from outbox_event where aggregate_id = :id")
                .param("id", org.toString()).query(Long.class).single()).isZero();

        // A committed event of the same aggregate goes to the same partition after anything written before it.
        names.rename(org, "committed", 1);
        List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(20))
                .until(() -> reader.records(org.toString()), r -> !r.isEmpty());
        assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .noneMatch(json -> json.contains("never happened"))
                .allMatch(json -> json.contains("committed"));
    }

    @Test
    void appendWithoutTransactionFails() {
        UUID org = UUID.randomUUID();
        assertThatThrownBy(() -> outbox.append(new OrganisationRenamed(org, "no transaction"), 1))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(jdbc.sql("select count(*) from outbox_event where aggregate_id = :id")
                .param("id", org.toString()).query(Long.class).single()).isZero();
    }

    @Test
    void eachAggregatesEventsArriveInVersionOrder() {
        List<UUID> orgs = IntStream.range(0, 8).mapToObj(i -> UUID.randomUUID()).toList();
        int versions = 25;
        // Aggregates written concurrently, each one's versions in sequence (as optimistic locking forces).
        orgs.parallelStream().forEach(org -> {
            for (int v = 1; v <= versions; v++) {
                names.rename(org, "name " + v, v);
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> orgs.stream()
                .allMatch(org -> firstSeenVersions(reader.records(org.toString())).size() == versions));
        for (UUID org : orgs) {
            assertThat(firstSeenVersions(reader.records(org.toString())))
                    .as("versions of %s in arrival order", org)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, versions).mapToObj(Long::valueOf).toList());
        }
    }

    @Test
    void onlyTheRelayHoldingTheAdvisoryLockPublishes() throws Exception {
        UUID org = UUID.randomUUID();
        // Another "instance" holds the relay lock in its open transaction: this instance's relay stands by.
        try (Connection otherInstance = dataSource.getConnection()) {
            otherInstance.setAutoCommit(false);
            try (Statement s = otherInstance.createStatement()) {
                s.execute("select pg_advisory_xact_lock(" + OutboxRelay.RELAY_LOCK_KEY + ")");
            }
            names.rename(org, "waits for the lock", 1);
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3))
                    .until(() -> reader.records(org.toString()).isEmpty());
            otherInstance.commit();
        }
        // The relay retries shortly after finding the lock held (the commit's signal was spent on that poll), not
        // after the idle poll's half minute.
        await().atMost(Duration.ofSeconds(5)).until(() -> reader.records(org.toString()).size() == 1);
    }

    @Test
    void relayDyingBetweenAckAndCommitResendsTheBatchAndConsumerAppliesEachOnce() {
        List<UUID> orgs = IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID()).toList();
        int crashesBefore = relay.crashes();
        relay.crashNextBatch();
        List<UUID> eventIds = new ArrayList<>();
        transaction.executeWithoutResult(status -> {
            for (UUID org : orgs) {
                for (int v = 1; v <= 3; v++) {
                    eventIds.add(names.rename(org, "crash " + v, v).id());
                }
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> relay.crashes() == crashesBefore + 1);
        // The crashed batch held the first version of each aggregate (one event per aggregate per poll):
        // Kafka received it twice, once before the crash and once after, and then the later versions.
        await().atMost(Duration.ofSeconds(30)).until(() -> orgs.stream()
                .allMatch(org -> reader.records(org.toString()).size() == 4));
        for (UUID org : orgs) {
            assertThat(reader.records(org.toString()))
                    .extracting(r -> TopicReader.header(r, "ce_aggregateversion"))
                    .as("versions of %s in arrival order", org)
                    .containsExactly("1", "1", "2", "3");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> eventIds.stream().allMatch(id -> appliedCount(id) >= 1));
        assertThat(eventIds).allSatisfy(id -> assertThat(appliedCount(id)).isEqualTo(1));
        assertThat(jdbc.sql("select count(*) from outbox_event where aggregate_id in (:ids)")
                .param("ids", orgs.stream().map(UUID::toString).toList()).query(Long.class).single()).isZero();
        assertThat(meters.get("zz.events.consumed").tags("consumer", RenamedProjection.CONSUMER,
                "outcome", "duplicate").counter().count()).isGreaterThanOrEqualTo(orgs.size());
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndThePartitionKeepsFlowing() throws Exception {
        UUID org = UUID.randomUUID();
        String key = org.toString();
        double deadBefore = deadLettered(OTHER_DISTRICT_TOPIC);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
             TopicReader dlt = new TopicReader(TestInfrastructure.kafkaBootstrapServers(),
                     Topics.deadLetter(OTHER_DISTRICT_TOPIC))) {
            // Partition 0 for all of them: the valid one must get past the three poison records.
            producer.send(record(key, "not json at all {".getBytes(StandardCharsets.UTF_8), envelope(org, 1)));
            producer.send(record(key, "{\"organisationId\":\"not-a-uuid\",\"name\":\"x\"}"
                    .getBytes(StandardCharsets.UTF_8), envelope(org, 2)));
            producer.send(record(key, EventJson.toBytes(new OrganisationRenamed(org, "no headers")), null));
            EventEnvelope valid = envelope(org, 3);
            producer.send(record(key, EventJson.toBytes(new OrganisationRenamed(org, "valid after poison")), valid))
                    .get();

            await().atMost(Duration.ofSeconds(30)).until(() -> appliedCount(valid.id()) == 1);
            List<ConsumerRecord<String, byte[]>> dead = await().atMost(Duration.ofSeconds(30))
                    .until(() -> dlt.records(key), r -> r.size() == 3);
            assertThat(dead).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("not json at all {",
                            "{\"organisationId\":\"not-a-uuid\",\"name\":\"x\"}",
                            "{\"organisationId\":\"" + org + "\",\"name\":\"no headers\"}");
            assertThat(dead).allSatisfy(r -> {
                assertThat(TopicReader.header(r, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(OTHER_DISTRICT_TOPIC);
                assertThat(TopicReader.header(r, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
                        .isEqualTo(InvalidEventException.class.getName());
            });
            // The original CloudEvents headers travel with the dead letter.
            assertThat(dead).filteredOn(r -> TopicReader.header(r, "ce_id") != null).hasSize(2);
            assertThat(deadLettered(OTHER_DISTRICT_TOPIC)).isEqualTo(deadBefore + 3);
        }
    }

    /**
     * A failure that is not the record's fault is retried for as long as it lasts (here five times, 6.6 s, longer
     * than the three retries after which it used to be dead-lettered): the partition waits, nothing goes to the
     * dead-letter topic, and the event and the one behind it are applied once each, in order (decision 0005).
     */
    @Test
    void aTransientHandlerFailureHoldsThePartitionUntilItPassesAndNothingIsDeadLettered() throws Exception {
        UUID org = UUID.randomUUID();
        String key = org.toString();
        double deadBefore = deadLettered(OTHER_DISTRICT_TOPIC);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
             TopicReader dlt = new TopicReader(TestInfrastructure.kafkaBootstrapServers(),
                     Topics.deadLetter(OTHER_DISTRICT_TOPIC))) {
            EventEnvelope failing = envelope(org, 1);
            producer.send(record(key, EventJson.toBytes(new OrganisationRenamed(org, RenamedProjection.FAILS_FIVE_TIMES)),
                    failing));
            EventEnvelope next = envelope(org, 2);
            long sent = System.nanoTime();
            producer.send(record(key, EventJson.toBytes(new OrganisationRenamed(org, "after the failure")), next))
                    .get();

            await().atMost(Duration.ofSeconds(30)).until(() -> appliedCount(next.id()) == 1);
            // Retries 200 + 600 + 1800 + 2000 + 2000 ms apart; the event behind waited for the sixth attempt.
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThan(Duration.ofMillis(6_000));
            assertThat(projection.attempts(failing.id())).isEqualTo(6);
            assertThat(appliedCount(failing.id())).isEqualTo(1);
            assertThat(jdbc.sql("select last_version from consumed_aggregate where consumer = :consumer and subject = :org")
                    .param("consumer", RenamedProjection.CONSUMER).param("org", key).query(Long.class).single())
                    .isEqualTo(2);
            assertThat(deadLettered(OTHER_DISTRICT_TOPIC)).isEqualTo(deadBefore);
            assertThat(dlt.records(key)).isEmpty();
        }
    }

    @Test
    void messagingMigrationRanBesideTheServicesOwnFlyway() {
        assertThat(jdbc.sql("select version from flyway_schema_history where success").query(String.class).list())
                .contains("1");
        // The service's tables were there first, so the messaging history starts with a baseline at 0.
        assertThat(jdbc.sql("select version || ':' || type from messaging_schema_history order by installed_rank")
                .query(String.class).list()).containsExactly("0:BASELINE", "1:SQL", "2:SQL", "3:SQL");
    }

    @Test
    void duplicateIsAppliedOnceAndStaleVersionIsIgnored() {
        UUID org = UUID.randomUUID();
        EventEnvelope v3 = envelope(org, 3);
        ConsumerRecord<String, byte[]> third = consumed(v3, new OrganisationRenamed(org, "third"));
        assertThat(inbound.process("dedup-test", third, this::applyDirect)).isEqualTo(Outcome.APPLIED);
        assertThat(inbound.process("dedup-test", third, this::applyDirect)).isEqualTo(Outcome.DUPLICATE);
        assertThat(appliedCount(v3.id())).isEqualTo(1);

        EventEnvelope v2 = envelope(org, 2);
        assertThat(inbound.process("dedup-test", consumed(v2, new OrganisationRenamed(org, "second")),
                this::applyDirect)).isEqualTo(Outcome.STALE);
        assertThat(appliedCount(v2.id())).isZero();
        // The same version again under a new ce_id is stale too.
        assertThat(inbound.process("dedup-test", consumed(envelope(org, 3), new OrganisationRenamed(org, "again")),
                this::applyDirect)).isEqualTo(Outcome.STALE);
        // Another consumer keeps its own log.
        assertThat(inbound.process("other-consumer", consumed(v2, new OrganisationRenamed(org, "second")),
                e -> { })).isEqualTo(Outcome.APPLIED);
        assertThat(meters.get("zz.events.consumed").tags("consumer", "dedup-test", "outcome", "stale")
                .counter().count()).isEqualTo(2);
    }

    @Test
    void failingHandlerRollsBackTheProcessedMarkSoTheRetryApplies() {
        UUID org = UUID.randomUUID();
        EventEnvelope v1 = envelope(org, 1);
        ConsumerRecord<String, byte[]> record = consumed(v1, new OrganisationRenamed(org, "retry me"));
        assertThatThrownBy(() -> inbound.process("retry-test", record, e -> {
            applyDirect(e);
            throw new IllegalStateException("database hiccup");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(appliedCount(v1.id())).isZero();
        assertThat(inbound.process("retry-test", record, this::applyDirect)).isEqualTo(Outcome.APPLIED);
        assertThat(appliedCount(v1.id())).isEqualTo(1);
    }

    @Test
    void unknownTypeIsSkippedAndInvalidRecordsAreRejected() {
        UUID org = UUID.randomUUID();
        EventEnvelope future = new EventEnvelope(UUID.randomUUID(), EventEnvelope.source("xiangcheng", "membership"),
                "zz.membership.OrganisationMerged.v1", Instant.now(), org.toString(), null, "xiangcheng", 1, null);
        assertThat(inbound.process("unknown-test", consumed(future, new OrganisationRenamed(org, "x")),
                e -> { throw new AssertionError("must not be called"); })).isEqualTo(Outcome.UNKNOWN_TYPE);
        assertThat(jdbc.sql("select count(*) from processed_event where consumer = 'unknown-test'")
                .query(Long.class).single()).isZero();

        ConsumerRecord<String, byte[]> noHeaders = new ConsumerRecord<>(TOPIC, 0, 0, org.toString(),
                EventJson.toBytes(new OrganisationRenamed(org, "x")));
        assertThatThrownBy(() -> inbound.process("invalid-test", noHeaders, e -> { }))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("ce_specversion");
        ConsumerRecord<String, byte[]> array = consumedRaw(envelope(org, 1), "[1,2]".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> inbound.process("invalid-test", array, e -> { }))
                .isInstanceOf(InvalidEventException.class);
        ConsumerRecord<String, byte[]> wrongSubject = consumed(envelope(UUID.randomUUID(), 1),
                new OrganisationRenamed(org, "x"));
        assertThatThrownBy(() -> inbound.process("invalid-test", wrongSubject, e -> { }))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("ce_subject");
    }

    @Test
    void publishingMetersMove() {
        double publishedBefore = published();
        long latencyBefore = meters.get("zz.outbox.relay.latency").timer().count();
        UUID org = UUID.randomUUID();
        names.rename(org, "metered", 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> published() >= publishedBefore + 1);
        assertThat(meters.get("zz.outbox.relay.latency").timer().count()).isGreaterThan(latencyBefore);
        assertThat(meters.get("zz.outbox.backlog").gauge().value()).isGreaterThanOrEqualTo(0);
        // Boot's consumer metrics (lag) of the listener's consumer reach the registry.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !meters.find("kafka.consumer.fetch.manager.records.lag.max").gauges().isEmpty());
    }

    @Test
    void acceptedToKafkaLatencyStaysLowAtModerateLoad() {
        // Warm-up (JIT, connection pools, partition leaders) is not what is measured.
        UUID warmUp = UUID.randomUUID();
        for (int v = 1; v <= 50; v++) {
            names.rename(warmUp, "warm-up " + v, v);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> reader.records(warmUp.toString()).size() >= 50);
        List<UUID> orgs = IntStream.range(0, 20).mapToObj(i -> UUID.randomUUID()).toList();
        // About 100 events a second from one writer, in separate transactions as requests would be.
        for (int v = 1; v <= 10; v++) {
            for (UUID org : orgs) {
                long next = System.nanoTime() + 10_000_000L;
                names.rename(org, "paced " + v, v);
                // Pacing the writer (not waiting for async work): the next request arrives 10 ms later.
                LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> orgs.stream()
                .allMatch(org -> reader.records(org.toString()).size() >= 10));
        // ce_time is taken in the writing transaction; the record's CreateTime when the relay sent it.
        List<Long> millis = orgs.stream()
                .flatMap(org -> reader.records(org.toString()).stream())
                .map(r -> r.timestamp() - Instant.parse(TopicReader.header(r, "ce_time")).toEpochMilli())
                .sorted()
                .toList();
        long p99 = millis.get((int) Math.ceil(millis.size() * 0.99) - 1);
        LoggerFactory.getLogger(getClass()).info(
                "accepted → sent to Kafka over {} events: p50 {} ms, p90 {} ms, p99 {} ms, max {} ms", millis.size(),
                millis.get(millis.size() / 2), millis.get(millis.size() * 9 / 10), p99, millis.get(millis.size() - 1));
        // The design target is 50 ms on a production machine. On the shared 2-core build machine (load ~4)
        // p99 was measured at about 150 ms (p50 17 ms); this bound catches a relay that falls back to
        // slow polling or loses its commit signal, without failing on a busy CI machine.
        assertThat(p99).isLessThan(400);
        assertThat(meters.get("zz.outbox.relay.latency").timer().count()).isGreaterThanOrEqualTo(millis.size());
    }

    private double published() {
        return meters.find("zz.events.published").tag("type", "zz.membership.OrganisationRenamed.v1").counters()
                .stream().mapToDouble(c -> c.count()).sum();
    }

    private double deadLettered(String topic) {
        return meters.find("zz.events.dead.lettered").tag("topic", topic).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private void applyDirect(IncomingEvent<?> event) {
        OrganisationRenamed renamed = (OrganisationRenamed) event.data();
        jdbc.sql("""
                insert into applied_event (event_id, organisation_id, name, version, applied_count)
                values (:eventId, :org, :name, :version, 1)
                on conflict (event_id) do update set applied_count = applied_event.applied_count + 1
                """).param("eventId", event.envelope().id()).param("org", renamed.organisationId())
                .param("name", renamed.name()).param("version", event.envelope().aggregateVersion()).update();
    }

    private int appliedCount(UUID eventId) {
        return jdbc.sql("select coalesce(max(applied_count), 0) from applied_event where event_id = :id")
                .param("id", eventId).query(Integer.class).single();
    }

    /** Versions in order of first arrival; redeliveries (at-least-once) do not count twice. */
    private static List<Long> firstSeenVersions(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, Long> firstSeen = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            firstSeen.putIfAbsent(TopicReader.header(r, "ce_id"),
                    Long.parseLong(TopicReader.header(r, "ce_aggregateversion")));
        }
        return List.copyOf(firstSeen.values());
    }

    private static EventEnvelope envelope(UUID org, long version) {
        return EventEnvelope.create(MembershipEvents.ORGANISATION_RENAMED, "longwen", org.toString(), version,
                Instant.now(), null);
    }

    private static ProducerRecord<String, byte[]> record(String key, byte[] value, EventEnvelope envelope) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(OTHER_DISTRICT_TOPIC, 0, key, value);
        if (envelope != null) {
            envelope.writeTo(record.headers());
        }
        return record;
    }

    private static ConsumerRecord<String, byte[]> consumed(EventEnvelope envelope, OrganisationRenamed event) {
        return consumedRaw(envelope, EventJson.toBytes(event));
    }

    private static ConsumerRecord<String, byte[]> consumedRaw(EventEnvelope envelope, byte[] value) {
        return TopicReader.consumed(OTHER_DISTRICT_TOPIC, envelope, value);
    }
}
