package cn.zhangzhou.partybuilding.benchmark;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import cn.zhangzhou.partybuilding.events.EventJson;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;

/**
 * The ceiling: the same transaction shape as a registration with nothing around it. N threads, one
 * JDBC connection each, insert one {@code bench_member} row (the columns and indexes of the service's
 * {@code member} table) and one {@code bench_outbox} row (those of {@code outbox_event}, a real
 * MemberRegistered payload), then commit. In a database of its own on the same PostgreSQL server, so
 * the service's relay never sees these rows.
 */
final class Ceiling {

    private static final String SCHEMA = """
            create table if not exists bench_organisation (id uuid primary key, name varchar(100) not null);
            create table if not exists bench_member (
                id                     uuid primary key,
                name                   varchar(50)  not null,
                phone                  varchar(20),
                id_number              varchar(18),
                address                varchar(200),
                home_organisation_id   uuid         not null references bench_organisation (id),
                residence_district     varchar(20)  not null,
                residence_community_id uuid,
                category               varchar(20)  not null,
                specialties            text[]       not null default '{}',
                cadre_role             varchar(20),
                community_worker       boolean      not null default false,
                status                 varchar(20)  not null,
                version                bigint       not null,
                created_at             timestamptz  not null default now(),
                updated_at             timestamptz  not null default now()
            );
            create index if not exists bench_member_home_org_idx on bench_member (home_organisation_id);
            create index if not exists bench_member_residence_idx on bench_member (residence_community_id);
            create index if not exists bench_member_name_idx on bench_member (name);
            create index if not exists bench_member_specialties_idx on bench_member using gin (specialties);
            create table if not exists bench_outbox (
                id                bigserial    primary key,
                event_id          uuid         not null unique,
                topic             text         not null,
                aggregate_id      text         not null,
                aggregate_version bigint       not null check (aggregate_version >= 1),
                event_type        text         not null,
                data_schema       text,
                payload           bytea        not null,
                traceparent       text,
                occurred_at       timestamptz  not null
            );
            """;

    private static final String INSERT_MEMBER = """
            insert into bench_member (id, name, phone, id_number, address, home_organisation_id, residence_district,
                                      residence_community_id, category, specialties, cadre_role, community_worker,
                                      status, version)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String INSERT_OUTBOX = """
            insert into bench_outbox (event_id, topic, aggregate_id, aggregate_version, event_type, data_schema,
                                      payload, traceparent, occurred_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    /** Result of one level. */
    record Run(int threads, double seconds, long transactions, long errors, String firstError) {
        double perSecond() {
            return transactions / seconds;
        }
    }

    private final String jdbcUrl;
    private final String user;
    private final UUID organisation = UUID.randomUUID();
    private final AtomicLong sequence = new AtomicLong();

    Ceiling(String jdbcUrl, String user) throws SQLException {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, ""); Statement s = c.createStatement()) {
            s.execute(SCHEMA);
            s.execute("insert into bench_organisation (id, name) values ('" + organisation + "', '基准社区')");
        }
    }

    Run run(int threads, Duration duration) throws InterruptedException, SQLException {
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
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            List<Thread> workers = new ArrayList<>();
            for (Connection c : connections) {
                Thread t = new Thread(() -> loop(c, end, done, errors, firstError), "ceiling");
                t.start();
                workers.add(t);
            }
            for (Thread t : workers) {
                t.join(duration.toMillis() + 60_000);
            }
            return new Run(threads, (Math.max(end, System.nanoTime()) - start) / 1e9, done.get(), errors.get(),
                    firstError.get());
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private void loop(Connection c, long end, AtomicLong done, AtomicLong errors, AtomicReference<String> firstError) {
        try (PreparedStatement member = c.prepareStatement(INSERT_MEMBER);
             PreparedStatement outbox = c.prepareStatement(INSERT_OUTBOX)) {
            Array specialties = c.createArrayOf("text", new String[] {"志愿服务", "法律咨询"});
            while (System.nanoTime() < end) {
                try {
                    transaction(member, outbox, specialties);
                    c.commit();
                    done.incrementAndGet();
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

    private void transaction(PreparedStatement member, PreparedStatement outbox, Array specialties) throws SQLException {
        long n = sequence.incrementAndGet();
        UUID id = UUID.randomUUID();
        member.setObject(1, id);
        member.setString(2, "党员" + n);
        member.setString(3, "+86 596 %07d".formatted(n % 10_000_000));
        member.setString(4, "35060219800101%04d".formatted(n % 10_000));
        member.setString(5, "芗城区基准社区" + n + "号");
        member.setObject(6, organisation);
        member.setString(7, "xiangcheng");
        member.setObject(8, organisation);
        member.setString(9, MemberCategory.IN_SERVICE.name());
        member.setArray(10, specialties);
        member.setString(11, null);
        member.setBoolean(12, false);
        member.setString(13, "ACTIVE");
        member.setLong(14, 1);
        member.executeUpdate();
        MemberRegistered event = new MemberRegistered(id, organisation, "xiangcheng", organisation,
                MemberCategory.IN_SERVICE, List.of("志愿服务", "法律咨询"), null, false);
        outbox.setObject(1, UUID.randomUUID());
        outbox.setString(2, "xiangcheng.membership.events");
        outbox.setString(3, id.toString());
        outbox.setLong(4, 1);
        outbox.setString(5, MembershipEvents.MEMBER_REGISTERED.ceType());
        outbox.setString(6, MembershipEvents.MEMBER_REGISTERED.dataSchema().toString());
        outbox.setBytes(7, EventJson.toBytes(event));
        outbox.setString(8, null);
        outbox.setTimestamp(9, Timestamp.from(Instant.now()));
        outbox.executeUpdate();
    }
}
