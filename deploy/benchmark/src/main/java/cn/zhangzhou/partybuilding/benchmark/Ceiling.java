package cn.zhangzhou.partybuilding.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
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

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import cn.zhangzhou.partybuilding.directory.DirectorySchema;
import cn.zhangzhou.partybuilding.events.DomainEvent;
import cn.zhangzhou.partybuilding.events.EventJson;
import cn.zhangzhou.partybuilding.events.EventType;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.messaging.MessagingSchema;

/**
 * The ceiling: the same transaction shape as a registration with nothing around it. N threads, one
 * JDBC connection each, insert one {@code member} row and one {@code outbox_event} row (a real MemberRegistered
 * payload), then commit. On the service's own schema, in a database of its own on the same PostgreSQL server, so
 * the service's relay never sees these rows. {@link #migrate} and {@link #run(String, String, int, Duration, Work)}
 * serve the claim path's ceiling too.
 */
final class Ceiling {

    private static final String INSERT_MEMBER = """
            insert into member (id, name, phone, id_number, address, home_organisation_id, residence_district,
                                residence_community_id, category, specialties, cadre_role, community_worker, status, version)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    static final String INSERT_OUTBOX = """
            insert into outbox_event (event_id, topic, aggregate_id, aggregate_version, event_type, data_schema,
                                      payload, traceparent, occurred_at)
            values (?, ?, ?, ?, ?, ?, ?, null, ?)
            """;

    /** Result of one level. */
    record Run(int threads, double seconds, long transactions, long errors, String firstError) {
        double perSecond() {
            return transactions / seconds;
        }
    }

    /** What each thread's connection prepares once. */
    @FunctionalInterface
    interface Work {
        Transaction prepare(Connection connection) throws SQLException;
    }

    /** Writes one transaction's rows (the caller commits); false when there is nothing left to write. */
    @FunctionalInterface
    interface Transaction {
        boolean write() throws SQLException;
    }

    private final String jdbcUrl;
    private final String user;
    private final UUID organisation = UUID.randomUUID();
    private final AtomicLong sequence = new AtomicLong();

    /** @param serviceJar the membership service's jar, whose migrations make the schema */
    Ceiling(String jdbcUrl, String user, Path serviceJar) throws SQLException {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        migrate(serviceJar, jdbcUrl, user);
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, ""); Statement s = c.createStatement()) {
            s.execute("insert into organisation (id, code, name, type, path, version) values ('%s', 'BENCH-CM', '基准社区', "
                    .formatted(organisation) + "'COMMUNITY', '/" + organisation + "/', 1)");
        }
    }

    /**
     * The service's schema, exactly as the service makes it: its Flyway migrations from its built jar (the artefact
     * under load; a repackaged jar cannot be a Maven dependency, its classes and resources sit under
     * BOOT-INF/classes), after the shared membership directory's schema and before events-messaging's outbox, each by
     * its library's own migration, in the service's order.
     */
    static void migrate(Path serviceJar, String jdbcUrl, String user) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        dataSource.setUser(user);
        // Wishes' and volunteering's migrations hand their old directory tables over to it (decision 0020).
        DirectorySchema.migrate(dataSource);
        try (URLClassLoader jar = new URLClassLoader(new URL[] {serviceJar.toUri().toURL()}, Ceiling.class.getClassLoader())) {
            Flyway.configure(jar).dataSource(jdbcUrl, user, "").locations("classpath:BOOT-INF/classes/db/migration")
                    .load().migrate();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the migrations of " + serviceJar, e);
        }
        MessagingSchema.migrate(dataSource);
    }

    Run run(int threads, Duration duration) throws InterruptedException, SQLException {
        return run(jdbcUrl, user, threads, duration, c -> {
            PreparedStatement member = c.prepareStatement(INSERT_MEMBER);
            PreparedStatement outbox = c.prepareStatement(INSERT_OUTBOX);
            Array specialties = c.createArrayOf("text", new String[] {"志愿服务", "法律咨询"});
            return () -> {
                register(member, outbox, specialties);
                return true;
            };
        });
    }

    /**
     * {@code threads} threads, one connection each (opened before the clock starts), commit what their transactions
     * write until {@code duration} is over or there is nothing left; a failed transaction is rolled back and counted.
     */
    static Run run(String jdbcUrl, String user, int threads, Duration duration, Work work)
            throws InterruptedException, SQLException {
        List<Connection> connections = new ArrayList<>();
        List<Transaction> transactions = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                Connection c = DriverManager.getConnection(jdbcUrl, user, "");
                connections.add(c);
                c.setAutoCommit(false);
                transactions.add(work.prepare(c));
            }
            AtomicLong done = new AtomicLong();
            Drive.Failures failures = new Drive.Failures();
            long start = System.nanoTime();
            long last = Drive.closedLoop(threads, duration, "ceiling", client -> () -> {
                Connection c = connections.get(client);
                try {
                    if (!transactions.get(client).write()) {
                        return false;
                    }
                    c.commit();
                    done.incrementAndGet();
                } catch (SQLException e) {
                    failures.add(e.toString());
                    rollback(c, failures);
                }
                return true;
            });
            return new Run(threads, (last - start) / 1e9, done.get(), failures.count(), failures.first());
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private static void rollback(Connection c, Drive.Failures failures) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failures.add(e.toString());
        }
    }

    private void register(PreparedStatement member, PreparedStatement outbox, Array specialties) throws SQLException {
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
        append(outbox, "xiangcheng.membership.events", MembershipEvents.MEMBER_REGISTERED, event, 1);
    }

    /** The outbox row of {@code event} as the service's {@code Outbox.append} writes it, on {@link #INSERT_OUTBOX}. */
    static <E extends DomainEvent> void append(PreparedStatement outbox, String topic, EventType<E> type, E event,
                                               long version) throws SQLException {
        outbox.setObject(1, UUID.randomUUID());
        outbox.setString(2, topic);
        outbox.setString(3, event.aggregateId());
        outbox.setLong(4, version);
        outbox.setString(5, type.ceType());
        outbox.setString(6, type.dataSchema().toString());
        outbox.setBytes(7, EventJson.toBytes(event));
        outbox.setTimestamp(8, Timestamp.from(Instant.now()));
        outbox.executeUpdate();
    }
}
