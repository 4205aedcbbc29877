package cn.zhangzhou.partybuilding.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * The projection writes of a consumed batch ({@link InboundEvents#processBatch}), sent as JDBC batches: one round trip
 * for a run of the same statement instead of one per event (docs/performance.md, "Dashboard": the statements sent one
 * by one were what held a replay back). A store adds its statements in the events' order and {@link #flush()}es them
 * inside the batch's transaction.
 *
 * <p>Order: the writes to one table run in the order added; the writes to different tables run table by table (in the
 * order each table was first written), so runs of one statement are not cut by another table's. A store uses it only
 * for tables whose rows no other table's write of the same batch reads or references (no foreign keys, no
 * {@code insert ... select} across them).
 *
 * <p>The batches go to the driver's own connection, under the transaction's pool connection and any JDBC proxy
 * (datasource-micrometer's, which gives every other statement its span): the same connection, so the same
 * transaction, but no proxy call per parameter of every row, which cost a replay about a fifth of the consumer's CPU
 * (decision 0028). The poll's consumer span covers them.
 */
public final class BatchedWrites {

    private final JdbcTemplate jdbc;
    private final Map<String, List<Run>> byTable = new LinkedHashMap<>();
    private int pending;

    public BatchedWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds one statement on the table, after the ones already added on it. */
    public void add(String table, String sql, Object... params) {
        List<Run> runs = byTable.computeIfAbsent(table, name -> new ArrayList<>());
        Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        if (last == null || !last.sql().equals(sql)) {
            last = new Run(sql, new ArrayList<>());
            runs.add(last);
        }
        last.rows().add(params);
        pending++;
    }

    /** How many statements wait for {@link #flush()}. */
    public int pending() {
        return pending;
    }

    /** Sends every statement added, one JDBC batch per run, and forgets them. */
    public void flush() {
        if (pending > 0) {
            DataSource dataSource = jdbc.getDataSource();
            // The transaction's connection, as the JdbcTemplate would take it; unwrap goes through the proxies to the
            // driver's.
            Connection connection = DataSourceUtils.getConnection(dataSource);
            Run sending = null;
            try {
                Connection driver = connection.unwrap(Connection.class);
                for (List<Run> runs : byTable.values()) {
                    for (Run run : runs) {
                        sending = run;
                        send(driver, run);
                    }
                }
            } catch (SQLException e) {
                throw jdbc.getExceptionTranslator().translate("BatchedWrites",
                        sending == null ? null : sending.sql(), e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }
        byTable.clear();
        pending = 0;
    }

    private static void send(Connection driver, Run run) throws SQLException {
        try (PreparedStatement statement = driver.prepareStatement(run.sql())) {
            for (Object[] row : run.rows()) {
                new ArgumentPreparedStatementSetter(row).setValues(statement);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private record Run(String sql, List<Object[]> rows) {
    }
}
