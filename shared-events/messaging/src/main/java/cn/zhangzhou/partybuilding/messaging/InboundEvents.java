package cn.zhangzhou.partybuilding.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import javax.sql.DataSource;

import cn.zhangzhou.partybuilding.events.DomainEvent;
import cn.zhangzhou.partybuilding.events.EventCatalog;
import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.EventJson;
import cn.zhangzhou.partybuilding.events.EventSchemas;
import cn.zhangzhou.partybuilding.events.EventType;
import cn.zhangzhou.partybuilding.events.InvalidEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The idempotent consumer (docs/conventions.md, "Events"): at-least-once delivery, exactly-once effects. The
 * handler's effect and the newest applied aggregate version (and, one record at a time, the {@code (consumer, ce_id)}
 * row) commit in one database transaction.
 */
public class InboundEvents {

    /** What {@link #process} did with a record. */
    public enum Outcome {
        /** The handler ran and its effect committed. */
        APPLIED,
        /**
         * This consumer had already processed this {@code ce_id} ({@link #process}); in a batch
         * ({@link #processBatch}, decision 0028), the event carries the version last applied to its aggregate: the
         * same event delivered again, versions being strictly increasing per aggregate.
         */
        DUPLICATE,
        /**
         * This consumer had already applied a newer (or the same) version of the aggregate, under another
         * {@code ce_id} ({@link #process}; our relays never send that: decision 0017, a resent earlier version is a
         * DUPLICATE, and it guards against events replayed from outside, such as re-published dead letters); in a
         * batch, a version below the last applied one, whether an earlier event delivered again or one from outside.
         */
        STALE,
        /** A {@code ce_type} this build does not know (a newer producer); skipped, not an error. */
        UNKNOWN_TYPE,
        /**
         * A type the consumer applies by keys of its own ({@link #processBatch(String, List, IncomingBatchHandler,
         * Predicate)}, decision 0033): handed to the handler without a version check or row, whose keys make a
         * second delivery change nothing. Counted as such whether or not it changed anything.
         */
        UNVERSIONED
    }

    private static final Logger log = LoggerFactory.getLogger(InboundEvents.class);

    /** A digest per thread (one is not thread-safe), not one looked up from the security providers per event. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    });

    private static final String RECORD_PROCESSED = """
            insert into processed_event (consumer, event_id) values (?, ?)
            on conflict do nothing
            """;

    // Moves last_version forward only; 0 rows means the event is not newer than what was applied.
    private static final String ADVANCE_VERSION = """
            insert into consumed_aggregate (aggregate, consumer, source, subject, last_version)
            values (?, ?, ?, ?, ?)
            on conflict (aggregate) do update set last_version = excluded.last_version
            where consumed_aggregate.last_version < excluded.last_version
            """;

    // The batch's aggregates, each once with the newest version the batch holds of it. Those with a row are locked
    // until the batch commits (a consumer of the group that has not yet learnt it lost the partition waits) and return
    // their committed version; the others get their row at once with the batch's newest version, which is what the
    // batch will have applied (versions start at 1, so from none applied every newer version is applied in turn).
    // An aggregate whose row another transaction inserts meanwhile is in neither part: the caller sees it missing.
    private static final String LOCK_VERSIONS = """
            with batch as (
                select * from unnest(?::uuid[], ?::text[], ?::text[], ?::bigint[])
                    as b (aggregate, source, subject, version)),
            known as (
                select c.aggregate, c.last_version from consumed_aggregate c join batch b on c.aggregate = b.aggregate
                order by c.aggregate
                for update of c),
            fresh as (
                insert into consumed_aggregate (aggregate, consumer, source, subject, last_version)
                select b.aggregate, ?, b.source, b.subject, b.version from batch b
                where not exists (select 1 from known k where k.aggregate = b.aggregate)
                order by b.aggregate
                on conflict do nothing
                returning aggregate)
            select aggregate, last_version, false from known
            union all
            select aggregate, 0, true from fresh
            """;

    // The known aggregates' newest applied versions, each once.
    private static final String ADVANCE_ALL_VERSIONS = """
            update consumed_aggregate c set last_version = a.version
            from unnest(?::uuid[], ?::bigint[]) as a (aggregate, version)
            where c.aggregate = a.aggregate and c.last_version < a.version
            """;

    private static final Predicate<EventType<?>> EVERY_TYPE = type -> true;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final MeterRegistry meters;
    private final EventSpans spans;
    private final Map<String, Counter> consumed = new ConcurrentHashMap<>();

    public InboundEvents(DataSource dataSource, PlatformTransactionManager transactionManager, MeterRegistry meters,
                         MessagingSchema schema) {
        this(dataSource, transactionManager, meters, schema, EventSpans.NONE);
    }

    public InboundEvents(DataSource dataSource, PlatformTransactionManager transactionManager, MeterRegistry meters,
                         MessagingSchema schema, EventSpans spans) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(transactionManager);
        this.meters = meters;
        this.spans = spans;
    }

    /**
     * Processes one consumed record: reads the envelope, parses and validates the JSON, maps it to the
     * record, then in one database transaction skips it if {@code (consumer, ce_id)} was already
     * processed, skips it if its aggregate version is not newer than the last applied one for
     * {@code (consumer, ce_source, ce_subject)}, else calls the handler and records both. All of it is one span,
     * a child of the record's {@code traceparent}.
     *
     * @param consumer the consuming component, usually the listener's group id
     * @throws InvalidEventException when the record is not a CloudEvent, not JSON or breaks its schema
     *         (not retryable: it goes to the dead-letter topic)
     */
    public Outcome process(String consumer, ConsumerRecord<String, byte[]> record, IncomingEventHandler handler) {
        return spans.process(consumer, record, () -> processInSpan(consumer, record, handler, EVERY_TYPE));
    }

    private Outcome processInSpan(String consumer, ConsumerRecord<String, byte[]> record, IncomingEventHandler handler,
                                  Predicate<EventType<?>> versioned) {
        IncomingEvent<?> event = readKnown(consumer, record);
        if (event == null) {
            return counted(consumer, Outcome.UNKNOWN_TYPE);
        }
        if (!versioned.test(event.type())) {
            transaction.executeWithoutResult(status -> handler.handle(event));
            return counted(consumer, Outcome.UNVERSIONED);
        }
        Outcome outcome = transaction.execute(status -> {
            int first = jdbc.sql(RECORD_PROCESSED).params(consumer, event.envelope().id()).update();
            if (first == 0) {
                return Outcome.DUPLICATE;
            }
            int newer = jdbc.sql(ADVANCE_VERSION).params(versionOf(consumer, event.envelope())).update();
            if (newer == 0) {
                return Outcome.STALE;
            }
            handler.handle(event);
            return Outcome.APPLIED;
        });
        return counted(consumer, outcome);
    }

    /**
     * Processes a poll's records in one database transaction, with the effects of {@link #process} for each: each
     * event is applied once, and never after a newer version of its aggregate. The aggregate version alone decides
     * (decision 0028: no {@code (consumer, ce_id)} row, whose insert was a third of a replay's PostgreSQL work), in two
     * statements for the whole batch and in the records' order (so a duplicate or an older version later in the same
     * batch is seen as such), then the handler gets every event to apply at once. A handler that fails takes the
     * batch back to one record per transaction, so the records before the failing one commit and the failing one is
     * retried alone (or dead-lettered, if it is poison). Each record has its consumer span, as with {@link #process}
     * ({@link EventSpans#processAll}).
     *
     * @throws BatchListenerFailedException naming the first record that failed (poison, or not applicable now): the
     *         records before it are committed, the listener's error handler commits their offsets, retries or
     *         dead-letters that record and delivers the rest again
     */
    public List<Outcome> processBatch(String consumer, List<ConsumerRecord<String, byte[]>> records,
                                      IncomingBatchHandler handler) {
        return processBatch(consumer, records, handler, EVERY_TYPE);
    }

    /**
     * {@link #processBatch(String, List, IncomingBatchHandler)} with a version row kept only for the aggregates of the
     * {@code versioned} types (decision 0033): the types whose effects in this consumer depend on their aggregate's
     * order. The others are handed to the handler in their place in the batch, duplicates and earlier versions too
     * ({@link Outcome#UNVERSIONED}): it may exclude only types it ignores, or applies by keys of its own (an insert
     * keyed by the event's own identity, {@code on conflict do nothing}) that no other event of their aggregate
     * changes in this consumer. For those a version row only repeated what the handler's key already guarantees, at
     * a second indexed row per aggregate.
     */
    public List<Outcome> processBatch(String consumer, List<ConsumerRecord<String, byte[]>> records,
                                      IncomingBatchHandler handler, Predicate<EventType<?>> versioned) {
        if (records.isEmpty()) {
            return List.of();
        }
        return spans.processAll(consumer, records, () -> processBatchInSpans(consumer, records, handler, versioned));
    }

    private List<Outcome> processBatchInSpans(String consumer, List<ConsumerRecord<String, byte[]>> records,
                                              IncomingBatchHandler handler, Predicate<EventType<?>> versioned) {
        List<IncomingEvent<?>> events = new ArrayList<>(records.size());
        List<Outcome> outcomes = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                IncomingEvent<?> event = readKnown(consumer, records.get(i));
                events.add(event);
                outcomes.add(event == null ? Outcome.UNKNOWN_TYPE : null);
            } catch (InvalidEventException poison) {
                // The good records before it are applied first: none of them is lost or applied twice.
                if (i > 0) {
                    processBatchInSpans(consumer, records.subList(0, i), handler, versioned);
                }
                throw new BatchListenerFailedException(poison.getMessage(), poison, i);
            }
        }
        try {
            transaction.executeWithoutResult(status -> applyBatch(consumer, events, outcomes, handler, versioned));
        } catch (RuntimeException failed) {
            log.debug("{}: a batch of {} failed ({}), applying it one record at a time", consumer, records.size(),
                    failed.toString());
            return oneByOne(consumer, records, handler, versioned);
        }
        outcomes.forEach(outcome -> counted(consumer, outcome));
        return outcomes;
    }

    /**
     * The batch's version checks in at most two statements whatever its size (one per record cost a replay most of its
     * PostgreSQL time): the aggregates' version rows locked and read, and those without one given it at once with the
     * batch's newest version (decision 0029), in one statement (so a consumer of the group that has not yet learnt it
     * lost the partition waits, as it waited on the row of {@link #process}'s upsert); each record then decided in
     * order in memory (a version not above the last applied one is skipped: DUPLICATE if it is that version, STALE if
     * below); and the known aggregates' versions moved forward at once. An event of a type not {@code versioned} is
     * handed over in its place, unchecked.
     */
    private void applyBatch(String consumer, List<IncomingEvent<?>> events, List<Outcome> outcomes,
                            IncomingBatchHandler handler, Predicate<EventType<?>> versioned) {
        List<Aggregate> aggregates = new ArrayList<>(events.size());
        Map<Aggregate, Long> newest = new LinkedHashMap<>();
        for (IncomingEvent<?> event : events) {
            Aggregate aggregate = event == null || !versioned.test(event.type()) ? null
                    : Aggregate.of(consumer, event.envelope());
            aggregates.add(aggregate);
            if (aggregate != null) {
                newest.merge(aggregate, event.envelope().aggregateVersion(), Math::max);
            }
        }
        Set<Aggregate> fresh = new HashSet<>();
        Map<Aggregate, Long> last = lockVersions(consumer, newest, fresh);
        Map<Aggregate, Long> advanced = new LinkedHashMap<>();
        List<IncomingEvent<?>> applied = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            IncomingEvent<?> event = events.get(i);
            if (event == null) {
                continue;
            }
            EventEnvelope envelope = event.envelope();
            Aggregate aggregate = aggregates.get(i);
            if (aggregate == null) {
                outcomes.set(i, Outcome.UNVERSIONED);
                applied.add(event);
                continue;
            }
            long lastApplied = last.get(aggregate);
            if (envelope.aggregateVersion() <= lastApplied) {
                outcomes.set(i, envelope.aggregateVersion() == lastApplied ? Outcome.DUPLICATE : Outcome.STALE);
            } else {
                outcomes.set(i, Outcome.APPLIED);
                last.put(aggregate, envelope.aggregateVersion());
                advanced.put(aggregate, envelope.aggregateVersion());
                applied.add(event);
            }
        }
        advanced.keySet().removeAll(fresh);
        advance(consumer, advanced);
        if (!applied.isEmpty()) {
            handler.handle(applied);
        }
    }

    /**
     * The last applied version of each aggregate, its row locked until the batch commits; an aggregate without a row
     * yet gets one with its newest version in the batch, counts as none applied (0) and is added to {@code fresh}.
     */
    private Map<Aggregate, Long> lockVersions(String consumer, Map<Aggregate, Long> newest, Set<Aggregate> fresh) {
        Map<UUID, Aggregate> byKey = new HashMap<>();
        newest.keySet().forEach(aggregate -> byKey.put(aggregate.key(), aggregate));
        Map<Aggregate, Long> last = new HashMap<>();
        if (newest.isEmpty()) {
            return last;
        }
        jdbc.sql(LOCK_VERSIONS).params(
                new SqlArrayValue("uuid", newest.keySet().stream().map(Aggregate::key).toArray()),
                new SqlArrayValue("text", newest.keySet().stream().map(Aggregate::source).toArray()),
                new SqlArrayValue("text", newest.keySet().stream().map(Aggregate::subject).toArray()),
                new SqlArrayValue("bigint", newest.values().toArray()), consumer).query(rs -> {
            Aggregate aggregate = byKey.get(rs.getObject(1, UUID.class));
            last.put(aggregate, rs.getLong(2));
            if (rs.getBoolean(3)) {
                fresh.add(aggregate);
            }
        });
        if (last.size() != newest.size()) {
            // Another transaction gave one of them its row since this statement began (a consumer of the group that
            // has not yet learnt it lost the partition): the one-record path decides each record again, after it.
            throw new IllegalStateException(consumer + ": " + (newest.size() - last.size())
                    + " aggregates' version rows were written by another transaction meanwhile");
        }
        return last;
    }

    private void advance(String consumer, Map<Aggregate, Long> versions) {
        if (versions.isEmpty()) {
            return;
        }
        int moved = jdbc.sql(ADVANCE_ALL_VERSIONS).params(
                new SqlArrayValue("uuid", versions.keySet().stream().map(Aggregate::key).toArray()),
                new SqlArrayValue("bigint", versions.values().toArray())).update();
        if (moved != versions.size()) {
            // Cannot happen while the rows are locked; if it does, the one-record path decides each record again.
            throw new IllegalStateException(consumer + ": " + (versions.size() - moved)
                    + " aggregates' versions were not where this batch read them");
        }
    }

    /** An aggregate as a consumer's version rows know it: its row's key ({@link #aggregateKey}), source and subject. */
    private record Aggregate(UUID key, String source, String subject) {

        static Aggregate of(String consumer, EventEnvelope envelope) {
            String source = envelope.source().toString();
            return new Aggregate(aggregateKey(consumer, source, envelope.subject()), source, envelope.subject());
        }

        // The key stands for the other two (it is their hash): hashing and comparing the texts again in each of a
        // batch's maps was a visible part of its version checks.
        @Override
        public boolean equals(Object other) {
            return other instanceof Aggregate aggregate && key.equals(aggregate.key);
        }

        @Override
        public int hashCode() {
            return key.hashCode();
        }
    }

    /**
     * The key of a consumer's version row of an aggregate (decision 0029): the first 16 bytes of the SHA-256 of
     * {@code consumer \n source \n subject} in UTF-8, as the messaging migration V3 computes it for existing rows.
     */
    static UUID aggregateKey(String consumer, String source, String subject) {
        byte[] hash = SHA_256.get().digest(
                (consumer + '\n' + source + '\n' + subject).getBytes(StandardCharsets.UTF_8));
        ByteBuffer bytes = ByteBuffer.wrap(hash);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    private List<Outcome> oneByOne(String consumer, List<ConsumerRecord<String, byte[]>> records,
                                   IncomingBatchHandler handler, Predicate<EventType<?>> versioned) {
        List<Outcome> outcomes = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                outcomes.add(processInSpan(consumer, records.get(i), event -> handler.handle(List.of(event)),
                        versioned));
            } catch (RuntimeException failed) {
                throw new BatchListenerFailedException(failed.getMessage(), failed, i);
            }
        }
        return outcomes;
    }

    private static Object[] versionOf(String consumer, EventEnvelope envelope) {
        String source = envelope.source().toString();
        return new Object[] {aggregateKey(consumer, source, envelope.subject()), consumer, source, envelope.subject(),
                envelope.aggregateVersion()};
    }

    /** The record's event, or null for a type this build does not know. */
    private IncomingEvent<?> readKnown(String consumer, ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = EventEnvelope.readFrom(record.headers());
        Optional<EventType<?>> type = EventCatalog.byCeType(envelope.type());
        if (type.isEmpty()) {
            log.debug("{}: skipping unknown event type {} ({})", consumer, envelope.type(), envelope.id());
            return null;
        }
        return read(envelope, type.get(), record);
    }

    private <E extends DomainEvent> IncomingEvent<E> read(EventEnvelope envelope, EventType<E> type,
                                                           ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new InvalidEventException("event " + envelope.id() + " has no payload");
        }
        JsonNode json = EventJson.parse(record.value());
        validateAgainstSchema(type, json);
        E data = EventJson.read(json, type.javaType());
        if (!envelope.subject().equals(data.aggregateId())) {
            throw new InvalidEventException("ce_subject " + envelope.subject() + " is not the aggregate id "
                    + data.aggregateId() + " of event " + envelope.id());
        }
        return new IncomingEvent<>(envelope, type, data, record.topic());
    }

    /**
     * Validates the payload against its event type's JSON Schema, the contract's source of truth, before
     * it is mapped onto the record: a payload that breaks the schema is poison, whatever Java would accept.
     *
     * @throws InvalidEventException naming the failing fields
     */
    protected void validateAgainstSchema(EventType<?> type, JsonNode payload) {
        EventSchemas.validate(type, payload);
    }

    private Outcome counted(String consumer, Outcome outcome) {
        consumed.computeIfAbsent(consumer + '\u0000' + outcome, key -> Counter.builder("zz.events.consumed")
                .description("Consumed events by consumer and outcome")
                .tag("consumer", consumer)
                .tag("outcome", outcome.name().toLowerCase())
                .register(meters)).increment();
        return outcome;
    }
}
