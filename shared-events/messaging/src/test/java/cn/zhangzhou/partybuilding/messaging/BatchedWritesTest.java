package cn.zhangzhou.partybuilding.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** A batch's projection writes on real PostgreSQL: one table's in the order added, every one sent, nothing twice. */
class BatchedWritesTest {

    private static JdbcTemplate jdbc;

    @BeforeAll
    static void database() {
        jdbc = new JdbcTemplate(new DriverManagerDataSource(TestInfrastructure.newDatabase("batched_writes"),
                TestInfrastructure.postgresUser(), TestInfrastructure.postgresPassword()));
        jdbc.execute("create table counter (id text primary key, n int not null)");
        jdbc.execute("create table log (seq int primary key, line text not null)");
    }

    @Test
    void oneTablesWritesRunInTheOrderAddedAcrossRunsOfOtherStatements() {
        BatchedWrites writes = new BatchedWrites(jdbc);
        writes.add("counter", "insert into counter (id, n) values (?, ?)", "a", 1);
        writes.add("log", "insert into log (seq, line) values (?, ?)", 1, "one");
        writes.add("counter", "update counter set n = n * 10 where id = ?", "a");
        writes.add("counter", "update counter set n = n + 2 where id = ?", "a");
        writes.add("log", "insert into log (seq, line) values (?, ?)", 2, "two");
        writes.add("counter", "update counter set n = n * 10 where id = ?", "a");
        writes.add("counter", "insert into counter (id, n) values (?, ?)", "b", 7);
        assertThat(writes.pending()).isEqualTo(7);

        writes.flush();

        // ((1 * 10) + 2) * 10: the updates ran in the order added, not grouped by statement.
        assertThat(jdbc.queryForObject("select n from counter where id = 'a'", Integer.class)).isEqualTo(120);
        assertThat(jdbc.queryForObject("select n from counter where id = 'b'", Integer.class)).isEqualTo(7);
        assertThat(jdbc.queryForList("select line from log order by seq", String.class)).containsExactly("one", "two");
        assertThat(writes.pending()).isZero();
        writes.flush();
        assertThat(jdbc.queryForObject("select count(*) from counter", Integer.class)).isEqualTo(2);
    }

    /** The common values go straight to the driver, the rest through JdbcTemplate's setter: each lands as written. */
    @Test
    void everyKindOfParameterLandsAsJdbcTemplateWouldWriteIt() {
        jdbc.execute("create table typed (t text, u uuid, i int, l bigint, b boolean, ts timestamptz, d date, "
                + "n numeric, bytes bytea, nothing uuid)");
        UUID id = UUID.randomUUID();
        Timestamp at = Timestamp.from(java.time.Instant.parse("2026-12-07T04:05:06.123456Z"));
        BatchedWrites writes = new BatchedWrites(jdbc);
        writes.add("typed", "insert into typed values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "群裕社区", id, 7, 1L << 40, true,
                at, java.time.LocalDate.of(2026, 2, 28), new java.math.BigDecimal("12.50"), new byte[] {1, 2}, null);

        writes.flush();

        assertThat(jdbc.queryForMap("select * from typed")).containsEntry("t", "群裕社区").containsEntry("u", id)
                .containsEntry("i", 7).containsEntry("l", 1L << 40).containsEntry("b", true).containsEntry("ts", at)
                .containsEntry("d", java.sql.Date.valueOf("2026-02-28")).containsEntry("n", new java.math.BigDecimal("12.50"))
                .containsEntry("nothing", null).hasEntrySatisfying("bytes", bytes -> assertThat((byte[]) bytes)
                        .containsExactly(1, 2));
    }

    /**
     * A run of a one-row insert goes as inserts of many rows (up to 128 a statement, in powers of two): every row, in the
     * order added, and under {@code do nothing} a repeated key skipped as it would be row by row, the first one kept.
     */
    @Test
    void aRunOfOneRowInsertsLandsInOrderWithRepeatedKeysSkippedAsRowByRow() {
        jdbc.execute("create table arrival (n serial, k int primary key, v text)");
        List<String> prepared = new java.util.concurrent.CopyOnWriteArrayList<>();
        BatchedWrites writes = new BatchedWrites(new JdbcTemplate(recordingDriverStatements(prepared)));
        String insert = """
                insert into arrival (k, v)
                values (?, ?) on conflict do nothing""";
        for (int k = 0; k < 300; k++) {
            writes.add("arrival", insert, k, k == 7 ? null : "v" + k);
            if (k == 150) {
                writes.add("arrival", insert, 5, "again");
            }
        }

        writes.flush();

        assertThat(jdbc.queryForList("select k from arrival order by n", Integer.class))
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 300).boxed().toList());
        assertThat(jdbc.queryForObject("select v from arrival where k = 5", String.class)).isEqualTo("v5");
        assertThat(jdbc.queryForObject("select v from arrival where k = 7", String.class)).isNull();
        // 301 rows: 128 + 128 + 32 + 8 + 4 + 1.
        assertThat(prepared).extracting(sql -> sql.split("\\(\\?, \\?\\)", -1).length - 1)
                .containsExactly(128, 128, 32, 8, 4, 1);
    }

    /** A data source whose connections' driver connection ({@code unwrap}) records the statements prepared on it. */
    private DataSource recordingDriverStatements(List<String> prepared) {
        return new DelegatingDataSource(jdbc.getDataSource()) {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                Connection target = super.getConnection();
                Connection driver = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().equals("prepareStatement")) {
                                prepared.add((String) args[0]);
                            }
                            return invoke(target, method, args);
                        });
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {Connection.class}, (proxy, method, args) ->
                                method.getName().equals("unwrap") ? driver : invoke(target, method, args));
            }
        };
    }

    private static Object invoke(Connection target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** An upsert that updates may not touch a row twice in one statement: it stays a JDBC batch, row by row. */
    @Test
    void aRunOfUpsertsOfOneKeyAppliesEachInTurn() {
        jdbc.execute("create table total (k text primary key, n int not null)");
        List<String> prepared = new java.util.concurrent.CopyOnWriteArrayList<>();
        BatchedWrites writes = new BatchedWrites(new JdbcTemplate(recordingDriverStatements(prepared)));
        for (int i = 1; i <= 3; i++) {
            writes.add("total", "insert into total (k, n) values (?, ?) on conflict (k) do update set n = total.n + excluded.n",
                    "a", i);
        }

        writes.flush();

        assertThat(jdbc.queryForObject("select n from total where k = 'a'", Integer.class)).isEqualTo(6);
        assertThat(prepared).hasSize(1).allSatisfy(sql -> assertThat(sql).containsOnlyOnce("(?, ?)"));
    }

    @Test
    void aNullParameterAndAFailingStatementReachTheCaller() {
        BatchedWrites writes = new BatchedWrites(jdbc);
        writes.add("log", "insert into log (seq, line) values (?, ?)", 10, null);

        assertThatThrownBy(writes::flush).isInstanceOf(DataAccessException.class);
        assertThat(jdbc.queryForList("select seq from log where seq = 10", Integer.class)).isEqualTo(List.of());
    }

    /**
     * The batches go to the driver's connection under a proxy such as datasource-micrometer's (decision 0028): none of
     * their calls passes through it, and they still commit or roll back with the transaction the proxy's connection is
     * in.
     */
    @Test
    void theBatchesBypassAConnectionProxyInsideTheSameTransaction() {
        AtomicInteger prepared = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        DataSource counting = new DelegatingDataSource(jdbc.getDataSource()) {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                Connection target = super.getConnection();
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {Connection.class},
                        (proxy, method, args) -> {
                            calls.incrementAndGet();
                            if (method.getName().startsWith("prepare")) {
                                prepared.incrementAndGet();
                            }
                            try {
                                return method.invoke(target, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
        JdbcTemplate proxiedJdbc = new JdbcTemplate(counting);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(counting));

        transaction.executeWithoutResult(status -> {
            BatchedWrites writes = new BatchedWrites(proxiedJdbc);
            writes.add("log", "insert into log (seq, line) values (?, ?)", 20, "rolled back");
            writes.flush();
            assertThat(proxiedJdbc.queryForObject("select count(*) from log where seq = 20", Integer.class))
                    .as("seen inside the transaction").isEqualTo(1);
            status.setRollbackOnly();
        });
        transaction.executeWithoutResult(status -> {
            BatchedWrites writes = new BatchedWrites(proxiedJdbc);
            writes.add("log", "insert into log (seq, line) values (?, ?)", 21, "committed");
            writes.add("log", "insert into log (seq, line) values (?, ?)", 22, "committed");
            writes.flush();
        });

        assertThat(jdbc.queryForList("select seq from log where seq between 20 and 29 order by seq", Integer.class))
                .containsExactly(21, 22);
        assertThat(calls.get()).as("the transactions went through the proxy").isPositive();
        assertThat(prepared.get()).as("statements prepared through the proxy").isZero();
    }
}
