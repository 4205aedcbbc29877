package cn.zhangzhou.partybuilding.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
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
