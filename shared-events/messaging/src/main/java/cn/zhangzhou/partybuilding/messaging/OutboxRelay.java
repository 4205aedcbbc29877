package cn.zhangzhou.partybuilding.messaging;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import cn.zhangzhou.partybuilding.events.EventEnvelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox: one background thread polls unpublished rows, sends them with the idempotent
 * producer, waits until Kafka acknowledged every one, and deletes them in the same database transaction
 * that locked them. A failure anywhere rolls the whole batch back, so it is sent again (at-least-once;
 * consumers drop the duplicates by {@code ce_id}).
 *
 * <p><b>One event per aggregate per poll</b> (decision 0017). A poll takes only the oldest unsent row of each
 * aggregate, so a later version is never handed to the producer before the earlier one was acknowledged: however
 * the producer splits, retries or expires its batches, Kafka never holds version n+1 of an aggregate before
 * version n. A burst of one aggregate therefore takes one poll per version; polls chain without a pause while
 * they find anything.
 *
 * <p><b>One active relay per database.</b> Each poll first takes {@code pg_try_advisory_xact_lock};
 * an instance that does not get it skips the poll. Without this, two instances would each lock a
 * different batch ({@code SKIP LOCKED}) and send them concurrently, so version 2 of an aggregate (in
 * the second batch) could reach Kafka before version 1 (in the first). The lock is per transaction, so
 * when the active instance dies another takes over on its next poll, with no lease to expire.
 *
 * <p><b>When it polls.</b> At once after a poll that sent something (a next version may wait behind it); after
 * {@link #LOCK_RETRY} when another instance held the lock (it may have taken its rows before this instance's commit
 * made them visible); else when a commit of this instance signals, or after {@code zz.outbox.poll-interval} (1 s),
 * the safety net for rows of instances without a relay. An idle poll is a transaction with two statements: at the
 * former default of 20 ms each relay cost its service about 5 % of a core and PostgreSQL 50 transactions a second
 * while nothing happened (docs/performance.md, "Evaluation", Run 7).
 */
public class OutboxRelay implements SmartLifecycle {

    /** Advisory lock key of the relay, the same in every service's own database. */
    static final long RELAY_LOCK_KEY = 0x7A7A_6F75_7462_6F78L; // "zzoutbox"

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    /** Pause before polling again after another instance held the relay lock. */
    private static final Duration LOCK_RETRY = Duration.ofMillis(20);

    /** What a poll found: rows it sent, nothing, or another instance's relay active. */
    private static final int LOCK_HELD_ELSEWHERE = -1;

    /** How many of the oldest rows a poll looks at to find each aggregate's oldest one, in batches. */
    private static final int HEAD_WINDOW_BATCHES = 10;

    // The oldest row of each aggregate among the oldest rows: the window keeps a poll's cost bounded however
    // many rows one aggregate has queued, and since it is a prefix in id order, every aggregate's first row
    // in it is that aggregate's oldest unsent row.
    private static final String SELECT_BATCH = """
            select id, event_id, topic, aggregate_id, aggregate_version, event_type, data_schema, payload,
                   traceparent, occurred_at
            from outbox_event
            where id in (select min(id)
                         from (select id, topic, aggregate_id from outbox_event order by id limit :window) oldest
                         group by topic, aggregate_id)
            order by id
            limit :limit
            for update skip locked
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final MessagingProperties properties;
    private final Supplier<Producer<String, byte[]>> producerFactory;
    private final MeterRegistry meters;
    private final OutboxSignal signal;
    private final EventSpans spans;
    private final Timer latency;
    private final Map<String, Counter> published = new ConcurrentHashMap<>();

    private volatile boolean running;
    private Thread worker;
    private Producer<String, byte[]> producer;
    private KafkaClientMetrics producerMetrics;

    public OutboxRelay(JdbcClient jdbc, PlatformTransactionManager transactionManager, MessagingProperties properties,
                       Supplier<Producer<String, byte[]>> producerFactory, MeterRegistry meters, OutboxSignal signal,
                       MessagingSchema schema) {
        this(jdbc, transactionManager, properties, producerFactory, meters, signal, schema, EventSpans.NONE);
    }

    public OutboxRelay(JdbcClient jdbc, PlatformTransactionManager transactionManager, MessagingProperties properties,
                       Supplier<Producer<String, byte[]>> producerFactory, MeterRegistry meters, OutboxSignal signal,
                       MessagingSchema schema, EventSpans spans) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.producerFactory = producerFactory;
        this.meters = meters;
        this.signal = signal;
        this.spans = spans;
        this.latency = Timer.builder("zz.outbox.relay.latency")
                .description("From the event's commit time (occurred_at) to Kafka's acknowledgement")
                .publishPercentileHistogram()
                .register(meters);
        Gauge.builder("zz.outbox.backlog", this, OutboxRelay::backlog)
                .description("Outbox rows not yet published to Kafka")
                .register(meters);
        Gauge.builder("zz.outbox.oldest.age", this, OutboxRelay::oldestAge)
                .description("How long the oldest unpublished outbox row has waited; 0 when the outbox is empty")
                .baseUnit("seconds")
                .register(meters);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        Thread thread;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            thread = worker;
        }
        signal.signal();
        try {
            // A batch in flight finishes (or times out within the producer's short timeouts).
            thread.join(Duration.ofSeconds(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        long idleMillis = Math.max(1, properties.outbox().pollInterval().toMillis());
        try {
            while (running) {
                long waitMillis;
                try {
                    int sent = publishBatch();
                    backoff = FIRST_BACKOFF;
                    // Anything sent may have a next version waiting behind it: go again at once.
                    waitMillis = sent > 0 ? 0 : sent == LOCK_HELD_ELSEWHERE ? LOCK_RETRY.toMillis() : idleMillis;
                } catch (RuntimeException e) {
                    closeProducer();
                    log.warn("outbox relay: batch not published, retrying in {} ms: {}", backoff.toMillis(),
                            e.toString());
                    waitMillis = backoff.toMillis();
                    backoff = min(backoff.multipliedBy(2), properties.outbox().maxBackoff());
                }
                if (waitMillis > 0 && running) {
                    signal.await(waitMillis);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeProducer();
        }
    }

    /**
     * Publishes one batch in one database transaction.
     *
     * @return the number of events published (0 when there was nothing), or {@link #LOCK_HELD_ELSEWHERE}
     */
    private int publishBatch() {
        List<Acked> acked = transaction.execute(status -> {
            Boolean active = jdbc.sql("select pg_try_advisory_xact_lock(:key)")
                    .param("key", RELAY_LOCK_KEY)
                    .query(Boolean.class)
                    .single();
            if (!Boolean.TRUE.equals(active)) {
                return null;
            }
            List<OutboxRow> batch = jdbc.sql(SELECT_BATCH)
                    .param("window", properties.outbox().batchSize() * HEAD_WINDOW_BATCHES)
                    .param("limit", properties.outbox().batchSize())
                    .query(OutboxRow.MAPPER)
                    .list();
            if (batch.isEmpty()) {
                return List.of();
            }
            List<Acked> result = send(batch);
            jdbc.sql("delete from outbox_event where id = any(:ids)")
                    .param("ids", batch.stream().map(OutboxRow::id).toArray(Long[]::new))
                    .update();
            beforeCommit(batch);
            return result;
        });
        if (acked == null) {
            return LOCK_HELD_ELSEWHERE;
        }
        for (Acked a : acked) {
            latency.record(Duration.between(a.occurredAt(), a.ackedAt()));
            published.computeIfAbsent(a.type(), type -> Counter.builder("zz.events.published")
                    .description("Events the outbox relay published to Kafka")
                    .tag("type", type)
                    .register(meters)).increment();
        }
        return acked.size();
    }

    /**
     * Test seam: runs after the batch was acknowledged by Kafka and deleted, before the transaction
     * commits. Throwing here simulates a relay that dies between sending and marking.
     */
    protected void beforeCommit(List<OutboxRow> batch) {
    }

    private List<Acked> send(List<OutboxRow> batch) {
        Producer<String, byte[]> kafka = producer();
        List<Future<RecordMetadata>> futures = new ArrayList<>(batch.size());
        List<EventSpans.Sending> sendings = new ArrayList<>(batch.size());
        for (OutboxRow row : batch) {
            ProducerRecord<String, byte[]> record = toRecord(row);
            sendings.add(spans.send(record));
            futures.add(kafka.send(record));
        }
        kafka.flush();
        List<Acked> result = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            try {
                futures.get(i).get();
                sendings.get(i).end(null);
            } catch (ExecutionException e) {
                sendings.subList(i, batch.size()).forEach(sending -> sending.end(e.getCause()));
                throw new IllegalStateException("Kafka did not acknowledge outbox event " + batch.get(i).eventId(),
                        e.getCause());
            } catch (InterruptedException e) {
                sendings.subList(i, batch.size()).forEach(sending -> sending.end(e));
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka", e);
            }
            OutboxRow row = batch.get(i);
            result.add(new Acked(row.eventType(), row.occurredAt().toInstant(), Instant.now()));
        }
        return result;
    }

    private ProducerRecord<String, byte[]> toRecord(OutboxRow row) {
        EventEnvelope envelope = new EventEnvelope(row.eventId(),
                EventEnvelope.source(properties.district(), properties.service()), row.eventType(),
                row.occurredAt().toInstant(), row.aggregateId(),
                row.dataSchema() == null ? null : java.net.URI.create(row.dataSchema()), properties.district(),
                row.aggregateVersion(), row.traceparent());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.aggregateId(), row.payload());
        // Writes traceparent too: the stored one, of the request that caused the event (the send's span replaces it).
        envelope.writeTo(record.headers());
        return record;
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = producerFactory.get();
            producerMetrics = new KafkaClientMetrics(producer);
            producerMetrics.bindTo(meters);
        }
        return producer;
    }

    /**
     * After a failed batch the producer is replaced: records of the failed batch may still sit in its
     * buffer, and a fresh producer guarantees the retry starts again with the oldest row.
     */
    private void closeProducer() {
        if (producer != null) {
            try {
                producerMetrics.close();
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                log.debug("closing the relay producer failed", e);
            }
            producer = null;
            producerMetrics = null;
        }
    }

    private double backlog() {
        return scrape("select count(*) from outbox_event");
    }

    private double oldestAge() {
        return scrape("select coalesce(extract(epoch from now() - min(occurred_at)), 0) from outbox_event");
    }

    /** A gauge's value on scrape: NaN, not an error, while the database is down. */
    private double scrape(String query) {
        try {
            Number value = jdbc.sql(query).query(Number.class).single();
            return value == null ? Double.NaN : value.doubleValue();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** One unpublished outbox row. */
    public record OutboxRow(long id, UUID eventId, String topic, String aggregateId, long aggregateVersion,
                            String eventType, String dataSchema, byte[] payload, String traceparent,
                            Timestamp occurredAt) {

        /** By column name: Spring's record mapper pays a driver exception per camelCase component of every row. */
        static final RowMapper<OutboxRow> MAPPER = (rs, row) -> new OutboxRow(rs.getLong("id"),
                rs.getObject("event_id", UUID.class), rs.getString("topic"), rs.getString("aggregate_id"),
                rs.getLong("aggregate_version"), rs.getString("event_type"), rs.getString("data_schema"),
                rs.getBytes("payload"), rs.getString("traceparent"), rs.getTimestamp("occurred_at"));

        @Override
        public String toString() {
            return "OutboxRow[" + id + ", " + eventType + ", " + aggregateId + " v" + aggregateVersion + ", "
                    + new String(payload, StandardCharsets.UTF_8) + "]";
        }
    }

    private record Acked(String type, Instant occurredAt, Instant ackedAt) {
    }
}
