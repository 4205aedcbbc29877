package cn.zhangzhou.partybuilding.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import cn.zhangzhou.partybuilding.events.EventJson;
import cn.zhangzhou.partybuilding.events.wishes.ClaimerKind;
import cn.zhangzhou.partybuilding.events.wishes.WishClaimed;
import cn.zhangzhou.partybuilding.events.wishes.WishesEvents;

/**
 * The claim path's ceiling: the same writes as a winning claim with nothing around it. N threads, one JDBC
 * connection each, take the next published {@code bench_wish} row (the columns and indexes of the service's
 * {@code wish} table) and in one transaction move it to CLAIMED by the same conditional update, insert the
 * transition, the {@code bench_claim} row and the outbox row (a real WishClaimed payload), then commit. In a
 * database of its own on the same PostgreSQL server.
 */
final class ClaimCeiling {

    private static final String SCHEMA = """
            create table if not exists bench_wish (
                id                    uuid primary key,
                community_id          uuid         not null,
                grid_id               uuid,
                category              varchar(30)  not null,
                description           varchar(500) not null,
                estimated_value_yuan  integer      not null,
                posted_by             varchar(20)  not null,
                beneficiary_id        uuid         not null,
                status                varchar(20)  not null,
                priority              boolean      not null default false,
                current_claim_id      uuid,
                version               bigint       not null,
                posted_at             timestamptz  not null,
                published_at          timestamptz,
                updated_at            timestamptz  not null
            );
            create index if not exists bench_wish_menu_idx on bench_wish (community_id, status, priority desc, published_at);
            create table if not exists bench_claim (
                id                   uuid primary key,
                wish_id              uuid         not null references bench_wish (id),
                claimer_kind         varchar(10)  not null,
                claimer_id           uuid         not null,
                claimer_district     varchar(20)  not null,
                status               varchar(20)  not null,
                claimed_at           timestamptz  not null,
                contact_deadline     timestamptz  not null
            );
            create unique index if not exists bench_claim_standing_uk on bench_claim (wish_id) where status in ('OPEN', 'CONTACTED', 'FULFILLED');
            create index if not exists bench_claim_claimer_idx on bench_claim (claimer_id, status);
            create table if not exists bench_wish_transition (
                id           bigserial primary key,
                wish_id      uuid         not null references bench_wish (id),
                from_status  varchar(20),
                to_status    varchar(20)  not null,
                transition   varchar(20)  not null,
                actor        varchar(100) not null,
                at           timestamptz  not null,
                reason       varchar(500)
            );
            create index if not exists bench_wish_transition_wish_idx on bench_wish_transition (wish_id, id);
            create table if not exists bench_outbox (
                id                bigserial    primary key,
                event_id          uuid         not null unique,
                topic             text         not null,
                aggregate_id      text         not null,
                aggregate_version bigint       not null,
                event_type        text         not null,
                data_schema       text,
                payload           bytea        not null,
                traceparent       text,
                occurred_at       timestamptz  not null
            );
            """;

    private static final String CLAIM = """
            update bench_wish set status = 'CLAIMED', version = version + 1, updated_at = ?, current_claim_id = ?,
                                  priority = false
            where id = ? and status = 'PUBLISHED' and version = 2
            """;
    private static final String TRANSITION = """
            insert into bench_wish_transition (wish_id, from_status, to_status, transition, actor, at, reason)
            values (?, 'PUBLISHED', 'CLAIMED', 'CLAIM', ?, ?, null)
            """;
    private static final String INSERT_CLAIM = """
            insert into bench_claim (id, wish_id, claimer_kind, claimer_id, claimer_district, status, claimed_at,
                                     contact_deadline)
            values (?, ?, 'MEMBER', ?, 'xiangcheng', 'OPEN', ?, ?)
            """;
    private static final String INSERT_OUTBOX = """
            insert into bench_outbox (event_id, topic, aggregate_id, aggregate_version, event_type, data_schema,
                                      payload, traceparent, occurred_at)
            values (?, ?, ?, 3, ?, ?, ?, null, ?)
            """;

    private final String jdbcUrl;
    private final String user;
    private final UUID community = UUID.randomUUID();
    private final UUID claimer = UUID.randomUUID();

    ClaimCeiling(String jdbcUrl, String user) throws SQLException {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, ""); Statement s = c.createStatement()) {
            s.execute(SCHEMA);
        }
    }

    /** Publishes {@code count} fresh wish rows (version 2, as after post + publish) and returns their ids. */
    private ConcurrentLinkedQueue<UUID> publish(int count) throws SQLException {
        ConcurrentLinkedQueue<UUID> ids = new ConcurrentLinkedQueue<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, ""); Statement s = c.createStatement()) {
            s.execute("""
                    create temporary table fresh as select gen_random_uuid() as id from generate_series(1, %d);
                    insert into bench_wish (id, community_id, category, description, estimated_value_yuan, posted_by,
                                            beneficiary_id, status, version, posted_at, published_at, updated_at)
                    select id, '%s', 'DAILY_NECESSITIES', '基准微心愿：一袋米和一桶油', 120, 'STAFF', gen_random_uuid(),
                           'PUBLISHED', 2, now(), now(), now() from fresh;
                    """.formatted(count, community));
            try (ResultSet rs = s.executeQuery("select id from fresh")) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    /**
     * @param wishes rows to publish first: more than the run can claim (a thread stops when none are left, and
     *               the run then reports the time actually used)
     */
    Ceiling.Run run(int threads, Duration duration, int wishes) throws InterruptedException, SQLException {
        ConcurrentLinkedQueue<UUID> pool = publish(wishes);
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                Connection c = DriverManager.getConnection(jdbcUrl, user, "");
                c.setAutoCommit(false);
                connections.add(c);
            }
            AtomicLong done = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            AtomicReference<String> firstError = new AtomicReference<>();
            AtomicLong lastEnd = new AtomicLong();
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            List<Thread> workers = new ArrayList<>();
            for (Connection c : connections) {
                Thread t = new Thread(() -> {
                    loop(c, pool, end, done, errors, firstError);
                    lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
                }, "claim-ceiling");
                t.start();
                workers.add(t);
            }
            for (Thread t : workers) {
                t.join(duration.toMillis() + 60_000);
            }
            if (pool.isEmpty()) {
                firstError.compareAndSet(null, "ran out of wishes before the end of the run");
            }
            return new Ceiling.Run(threads, (lastEnd.get() - start) / 1e9, done.get(), errors.get(), firstError.get());
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private void loop(Connection c, ConcurrentLinkedQueue<UUID> pool, long end, AtomicLong done, AtomicLong errors,
                      AtomicReference<String> firstError) {
        try (PreparedStatement claim = c.prepareStatement(CLAIM);
             PreparedStatement transition = c.prepareStatement(TRANSITION);
             PreparedStatement insertClaim = c.prepareStatement(INSERT_CLAIM);
             PreparedStatement outbox = c.prepareStatement(INSERT_OUTBOX)) {
            UUID wish;
            while (System.nanoTime() < end && (wish = pool.poll()) != null) {
                try {
                    if (transaction(wish, claim, transition, insertClaim, outbox)) {
                        c.commit();
                        done.incrementAndGet();
                    } else {
                        c.rollback();
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, "wish " + wish + " was not PUBLISHED");
                    }
                } catch (SQLException e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, e.toString());
                    c.rollback();
                }
            }
        } catch (SQLException e) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, e.toString());
        }
    }

    private boolean transaction(UUID wish, PreparedStatement claim, PreparedStatement transition,
                                PreparedStatement insertClaim, PreparedStatement outbox) throws SQLException {
        Instant now = Instant.now();
        Timestamp at = Timestamp.from(now);
        Instant deadline = now.plus(Duration.ofDays(7));
        UUID claimId = UUID.randomUUID();
        claim.setTimestamp(1, at);
        claim.setObject(2, claimId);
        claim.setObject(3, wish);
        if (claim.executeUpdate() != 1) {
            return false;
        }
        transition.setObject(1, wish);
        transition.setString(2, "benchmark-member");
        transition.setTimestamp(3, at);
        transition.executeUpdate();
        insertClaim.setObject(1, claimId);
        insertClaim.setObject(2, wish);
        insertClaim.setObject(3, claimer);
        insertClaim.setTimestamp(4, at);
        insertClaim.setTimestamp(5, Timestamp.from(deadline));
        insertClaim.executeUpdate();
        WishClaimed event = new WishClaimed(wish, community, claimId, ClaimerKind.MEMBER, claimer, "xiangcheng",
                deadline);
        outbox.setObject(1, UUID.randomUUID());
        outbox.setString(2, "xiangcheng.wishes.events");
        outbox.setString(3, wish.toString());
        outbox.setString(4, WishesEvents.WISH_CLAIMED.ceType());
        outbox.setString(5, WishesEvents.WISH_CLAIMED.dataSchema().toString());
        outbox.setBytes(6, EventJson.toBytes(event));
        outbox.setTimestamp(7, at);
        outbox.executeUpdate();
        return true;
    }
}
