package cn.zhangzhou.partybuilding.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.EventJson;
import cn.zhangzhou.partybuilding.events.InvalidEventException;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.events.membership.OrganisationCreated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.events.membership.OrganisationRenamed;
import cn.zhangzhou.partybuilding.messaging.InboundEvents.Outcome;
import cn.zhangzhou.partybuilding.messaging.testapp.MessagingTestApplication;
import cn.zhangzhou.partybuilding.messaging.testapp.RenamedProjection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A poll's batch in one transaction ({@link InboundEvents#processBatch}) keeps every guarantee of one record at a
 * time: a duplicate applied once and a stale version skipped also within the batch, poison failing only itself.
 */
@SpringBootTest(classes = MessagingTestApplication.class)
class InboundBatchTest {

    static final String TOPIC = Topics.events("longwen", "membership");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestInfrastructure.newDatabase("messaging_batch"));
        registry.add("spring.datasource.username", TestInfrastructure::postgresUser);
        registry.add("spring.datasource.password", TestInfrastructure::postgresPassword);
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
    }

    @Autowired InboundEvents inbound;
    @Autowired JdbcClient jdbc;
    @Autowired RenamedProjection projection;
    @Autowired javax.sql.DataSource dataSource;

    /** What the handler was given, batch by batch. */
    private final List<List<String>> handed = new ArrayList<>();

    @Test
    void aDuplicateAndStaleVersionsWithinOneBatchAreSkippedInOrder() {
        UUID org = UUID.randomUUID();
        ConsumerRecord<String, byte[]> v1 = renamed(org, 1, "first");
        ConsumerRecord<String, byte[]> v3 = renamed(org, 3, "third");

        List<Outcome> outcomes = inbound.processBatch("batch-dedup", List.of(v1, v1, v3, renamed(org, 2, "second"),
                renamed(org, 3, "third again")), this::apply);

        // The version alone decides (decision 0028): the version last applied again is a duplicate, whatever its ce_id.
        assertThat(outcomes).containsExactly(Outcome.APPLIED, Outcome.DUPLICATE, Outcome.APPLIED, Outcome.STALE,
                Outcome.DUPLICATE);
        assertThat(handed).containsExactly(List.of("first", "third"));
        assertThat(names(org)).containsExactly("first", "third");
        // The next poll's redelivery of the same records changes nothing.
        assertThat(inbound.processBatch("batch-dedup", List.of(v1, v3), this::apply))
                .containsExactly(Outcome.STALE, Outcome.DUPLICATE);
        assertThat(names(org)).containsExactly("first", "third");
        assertThat(jdbc.sql("select count(*) from processed_event where consumer = 'batch-dedup'").query(Long.class)
                .single()).as("a batch writes no ce_id rows").isZero();
    }

    @Test
    void versionsAppliedByAnEarlierBatchDecideTheNextOnesPerAggregate() {
        UUID org = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        inbound.processBatch("batch-versions", List.of(renamed(org, 5, "five"), renamed(other, 1, "other one")),
                this::apply);

        List<Outcome> outcomes = inbound.processBatch("batch-versions", List.of(renamed(org, 4, "four"),
                renamed(other, 2, "other two"), renamed(org, 5, "five again"), renamed(org, 6, "six")), this::apply);

        assertThat(outcomes).containsExactly(Outcome.STALE, Outcome.APPLIED, Outcome.DUPLICATE, Outcome.APPLIED);
        assertThat(names(org)).containsExactly("five", "six");
        assertThat(names(other)).containsExactly("other one", "other two");
        assertThat(jdbc.sql("select last_version from consumed_aggregate where consumer = 'batch-versions' "
                + "and subject = :org").param("org", org.toString()).query(Long.class).single()).isEqualTo(6);
        // Another consumer keeps its own versions: the same records are all new to it.
        assertThat(inbound.processBatch("batch-versions-other", List.of(renamed(org, 4, "four")), events -> {
        })).containsExactly(Outcome.APPLIED);
    }

    /**
     * A consumer of the group that has not yet learnt it lost the partition (a zombie) applies version 5 in its own
     * transaction; a batch with versions 4 and 6 of that aggregate waits for it, then takes 4 as stale.
     */
    @Test
    void aBatchWaitsForAnotherTransactionOnTheSameAggregateAndDecidesAfterIt() throws Exception {
        UUID org = UUID.randomUUID();
        String source = EventEnvelope.source("longwen", "membership").toString();
        inbound.processBatch("batch-zombie", List.of(renamed(org, 1, "one")), this::apply);

        List<Outcome> outcomes = batchWhileUncommitted(zombie -> {
            try (java.sql.PreparedStatement applied = zombie.prepareStatement("update consumed_aggregate set "
                    + "last_version = 5 where consumer = 'batch-zombie' and source = ? and subject = ?")) {
                applied.setString(1, source);
                applied.setString(2, org.toString());
                assertThat(applied.executeUpdate()).isEqualTo(1);
            }
        }, "batch-zombie", List.of(renamed(org, 4, "four"), renamed(org, 6, "six")));

        assertThat(outcomes).containsExactly(Outcome.STALE, Outcome.APPLIED);
        assertThat(names(org)).containsExactly("one", "six");
    }

    /**
     * The zombie gives an aggregate this batch has not seen its first version row (version 5) and has not committed
     * when the batch begins: the batch's insert of that row waits for it, finds it taken, and the batch is decided
     * again record by record after it (decision 0029), taking 4 as stale and applying 6.
     */
    @Test
    void aBatchRacingAnotherTransactionForAnAggregatesFirstRowDecidesAfterIt() throws Exception {
        UUID org = UUID.randomUUID();
        String source = EventEnvelope.source("longwen", "membership").toString();

        List<Outcome> outcomes = batchWhileUncommitted(zombie -> {
            try (java.sql.PreparedStatement applied = zombie.prepareStatement("insert into consumed_aggregate "
                    + "(aggregate, consumer, source, subject, last_version) values (?, 'batch-race', ?, ?, 5)")) {
                applied.setObject(1, InboundEvents.aggregateKey("batch-race", source, org.toString()));
                applied.setString(2, source);
                applied.setString(3, org.toString());
                assertThat(applied.executeUpdate()).isEqualTo(1);
            }
        }, "batch-race", List.of(renamed(org, 4, "four"), renamed(org, 6, "six")));

        assertThat(outcomes).containsExactly(Outcome.STALE, Outcome.APPLIED);
        assertThat(names(org)).containsExactly("six");
        assertThat(jdbc.sql("select last_version from consumed_aggregate where consumer = 'batch-race'")
                .query(Long.class).single()).isEqualTo(6);
    }

    /** What another transaction (a zombie consumer) writes and holds uncommitted while a batch runs. */
    interface ZombieWrite {
        void write(java.sql.Connection zombie) throws java.sql.SQLException;
    }

    /**
     * Runs the batch while the zombie's write is uncommitted, checks the batch waits on it (a row lock in pg_locks'
     * terms, however long that takes), commits the zombie and returns the batch's outcomes.
     */
    private List<Outcome> batchWhileUncommitted(ZombieWrite write, String consumer,
                                                List<ConsumerRecord<String, byte[]>> records) throws Exception {
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (java.sql.Connection zombie = dataSource.getConnection()) {
            zombie.setAutoCommit(false);
            write.write(zombie);
            java.util.concurrent.Future<List<Outcome>> batch = other.submit(() -> inbound.processBatch(consumer,
                    records, this::apply));
            await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbc.sql(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like "
                            + "'%consumed_aggregate%'").query(Long.class).single() > 0);
            assertThat(batch).isNotDone();
            zombie.commit();
            return batch.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
    }

    /** Each version row's key is what the messaging migration V3 computed for the rows it found (decision 0029). */
    @Test
    void theJavaKeyOfAVersionRowIsTheMigrationsKey() {
        for (String subject : List.of(UUID.randomUUID().toString(), "placement:" + UUID.randomUUID(), "芗城区 社区")) {
            String source = EventEnvelope.source("longwen", "membership").toString();
            UUID migrations = jdbc.sql("select encode(substring(sha256(convert_to(? || E'\\n' || ? || E'\\n' || ?, "
                    + "'UTF8')) from 1 for 16), 'hex')::uuid").params("batch-keys", source, subject)
                    .query(UUID.class).single();
            assertThat(InboundEvents.aggregateKey("batch-keys", source, subject)).as(subject).isEqualTo(migrations);
        }
        assertThat(InboundEvents.aggregateKey("a", "b", "c")).isNotEqualTo(InboundEvents.aggregateKey("b", "a", "c"));
    }

    @Test
    void poisonMidBatchFailsAloneAfterTheRecordsBeforeItCommitted() {
        UUID org = UUID.randomUUID();
        ConsumerRecord<String, byte[]> before = renamed(org, 1, "before");
        ConsumerRecord<String, byte[]> poison = raw(envelope(org, 2), "not json".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> after = renamed(org, 3, "after");

        assertThatThrownBy(() -> inbound.processBatch("batch-poison", List.of(before, poison, after), this::apply))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getIndex()).isEqualTo(1);
                    assertThat(e.getCause()).isInstanceOf(InvalidEventException.class);
                });
        assertThat(names(org)).containsExactly("before");

        // The error handler dead-letters the poison and delivers the rest again (and, at worst, the first again).
        assertThat(inbound.processBatch("batch-poison", List.of(before, after), this::apply))
                .containsExactly(Outcome.DUPLICATE, Outcome.APPLIED);
        assertThat(names(org)).containsExactly("before", "after");
    }

    @Test
    void aFailingBatchIsAppliedOneRecordAtATimeUpToTheRecordThatFails() {
        UUID org = UUID.randomUUID();
        List<ConsumerRecord<String, byte[]>> batch = List.of(renamed(org, 1, "a"), renamed(org, 2, "refused"),
                renamed(org, 3, "c"));
        IncomingBatchHandler refusing = events -> {
            apply(events);
            if (events.stream().anyMatch(e -> ((OrganisationRenamed) e.data()).name().equals("refused"))) {
                throw new IllegalStateException("the store refused it");
            }
        };

        assertThatThrownBy(() -> inbound.processBatch("batch-fallback", batch, refusing))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getIndex()).isEqualTo(1);
                    assertThat(e.getCause()).hasMessage("the store refused it");
                });
        // The whole batch rolled back, then "a" committed on its own; "refused" and "c" are left for the retry.
        assertThat(handed).containsExactly(List.of("a", "refused", "c"), List.of("a"), List.of("refused"));
        assertThat(names(org)).containsExactly("a");

        assertThat(inbound.processBatch("batch-fallback", batch.subList(1, 3), this::apply))
                .containsExactly(Outcome.APPLIED, Outcome.APPLIED);
        assertThat(names(org)).containsExactly("a", "refused", "c");
    }

    @Test
    void anUnknownTypeInABatchIsSkipped() {
        UUID org = UUID.randomUUID();
        EventEnvelope future = new EventEnvelope(UUID.randomUUID(), EventEnvelope.source("longwen", "membership"),
                "zz.membership.OrganisationMerged.v1", Instant.now(), org.toString(), null, "longwen", 1, null);

        assertThat(inbound.processBatch("batch-unknown", List.of(raw(future, new byte[0]), renamed(org, 1, "known")),
                this::apply)).containsExactly(Outcome.UNKNOWN_TYPE, Outcome.APPLIED);
        assertThat(names(org)).containsExactly("known");
    }

    /** Decision 0033: a consumer keeps version rows only for the types whose effects follow their order. */
    @Test
    void typesNotVersionedAreHandedOverInTheirPlaceEveryTimeWithoutAVersionRow() {
        UUID org = UUID.randomUUID();
        UUID created = UUID.randomUUID();
        ConsumerRecord<String, byte[]> renamed = renamed(org, 1, "renamed");
        ConsumerRecord<String, byte[]> creation = raw(EventEnvelope.create(MembershipEvents.ORGANISATION_CREATED,
                "longwen", created.toString(), 7, Instant.now(), null), EventJson.toBytes(new OrganisationCreated(
                created, "C", "COMMUNITY", OrganisationType.COMMUNITY, null)));
        ConsumerRecord<String, byte[]> olderCreation = raw(EventEnvelope.create(MembershipEvents.ORGANISATION_CREATED,
                "longwen", created.toString(), 3, Instant.now(), null), EventJson.toBytes(new OrganisationCreated(
                created, "C", "COMMUNITY", OrganisationType.COMMUNITY, null)));
        List<String> types = new ArrayList<>();
        IncomingBatchHandler byType = events -> events.forEach(e -> types.add(e.type().name()));

        assertThat(inbound.processBatch("batch-unversioned", List.of(renamed, creation, renamed, creation,
                olderCreation), byType, MembershipEvents.ORGANISATION_RENAMED::equals)).containsExactly(
                Outcome.APPLIED, Outcome.UNVERSIONED, Outcome.DUPLICATE, Outcome.UNVERSIONED, Outcome.UNVERSIONED);
        // In their places, a second delivery and an older version included: the handler's keys make them no-ops.
        assertThat(types).containsExactly("OrganisationRenamed", "OrganisationCreated", "OrganisationCreated",
                "OrganisationCreated");
        assertThat(jdbc.sql("select subject from consumed_aggregate where consumer = 'batch-unversioned'")
                .query(String.class).list()).containsExactly(org.toString());

        // The one-record path after a failing batch keeps the same split.
        types.clear();
        IncomingBatchHandler refusingBatches = events -> {
            byType.handle(events);
            if (events.size() > 1) {
                throw new IllegalStateException("refused as a batch");
            }
        };
        assertThat(inbound.processBatch("batch-unversioned", List.of(creation, renamed(org, 2, "again")),
                refusingBatches, MembershipEvents.ORGANISATION_RENAMED::equals))
                .containsExactly(Outcome.UNVERSIONED, Outcome.APPLIED);
        assertThat(jdbc.sql("select count(*) from consumed_aggregate where consumer = 'batch-unversioned'")
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from processed_event where consumer = 'batch-unversioned'")
                .query(Long.class).single()).as("only the versioned record's ce_id").isEqualTo(1);
    }

    private void apply(List<IncomingEvent<?>> events) {
        handed.add(events.stream().map(e -> ((OrganisationRenamed) e.data()).name()).toList());
        events.forEach(projection::apply);
    }

    /** The names applied to the organisation, each as many times as it was applied, in version order. */
    private List<String> names(UUID org) {
        return jdbc.sql("select name, applied_count from applied_event where organisation_id = :org order by version")
                .param("org", org)
                .query((rs, n) -> rs.getString("name") + (rs.getInt("applied_count") == 1 ? "" : " x"
                        + rs.getInt("applied_count")))
                .list();
    }

    private static ConsumerRecord<String, byte[]> renamed(UUID org, long version, String name) {
        return raw(envelope(org, version), EventJson.toBytes(new OrganisationRenamed(org, name)));
    }

    private static EventEnvelope envelope(UUID org, long version) {
        return EventEnvelope.create(MembershipEvents.ORGANISATION_RENAMED, "longwen", org.toString(), version,
                Instant.now(), null);
    }

    private static ConsumerRecord<String, byte[]> raw(EventEnvelope envelope, byte[] value) {
        return TopicReader.consumed(TOPIC, envelope, value);
    }
}
