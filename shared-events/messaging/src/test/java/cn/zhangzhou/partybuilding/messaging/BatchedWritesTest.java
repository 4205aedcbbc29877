package cn.zhangzhou.partybuilding.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

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
}
