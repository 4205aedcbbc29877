package cn.zhangzhou.partybuilding.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * The projection writes of a consumed batch ({@link InboundEvents#processBatch}), sent as JDBC batches (a run of a
 * one-row insert as inserts of many rows: {@link RowsInsert}): one round trip for a run of the same statement instead
 * of one per event (docs/performance.md, "Dashboard": the statements sent one by one were what held a replay back). A
 * store adds its statements in the events' order and {@link #flush()}es them inside the batch's transaction.
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
            last = new Run(sql, RowsInsert.of(sql), new ArrayList<>());
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
        if (run.rowsInsert() != null) {
            sendRows(driver, run.rowsInsert(), run.rows());
            return;
        }
        try (PreparedStatement statement = driver.prepareStatement(run.sql())) {
            for (Object[] row : run.rows()) {
                for (int i = 0; i < row.length; i++) {
                    set(statement, i + 1, row[i]);
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * A parameter as JdbcTemplate sets it ({@link StatementCreatorUtils}, type unknown): the common values straight to
     * the driver, as it would send them (a text as a string, ids and numbers as objects), without its per-parameter type
     * checks and trace-level look-ups (thousands of parameters a poll); anything else, null included, through it.
     */
    private static void set(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof String text) {
            statement.setString(index, text);
        } else if (value instanceof UUID || value instanceof Integer || value instanceof Long
                || value instanceof Boolean) {
            statement.setObject(index, value);
        } else {
            StatementCreatorUtils.setParameterValue(statement, index, SqlTypeValue.TYPE_UNKNOWN, value);
        }
    }

    /**
     * A run of a one-row insert sent as inserts of many rows each ({@link RowsInsert}): up to {@link RowsInsert#MOST}
     * rows a statement, in powers of two so that a run of any length takes at most eight statement shapes.
     */
    private static void sendRows(Connection driver, RowsInsert insert, List<Object[]> rows) throws SQLException {
        for (int from = 0; from < rows.size(); ) {
            int count = Integer.highestOneBit(Math.min(RowsInsert.MOST, rows.size() - from));
            try (PreparedStatement statement = driver.prepareStatement(insert.sql(count))) {
                int index = 1;
                for (Object[] row : rows.subList(from, from + count)) {
                    for (Object value : row) {
                        set(statement, index++, value);
                    }
                }
                statement.executeUpdate();
            }
            from += count;
        }
    }

    private record Run(String sql, RowsInsert rowsInsert, List<Object[]> rows) {
    }

    /**
     * An insert of one row, {@code insert into <table> (<columns>) values (?, …)}, plain or {@code on conflict
     * [(<columns>)] do nothing}, written as one insert of many rows: the same rows inserted in the same order, with the
     * same outcome (a plain insert's duplicate key fails the statement, the transaction's batch then goes one record at
     * a time; {@code do nothing} skips a row whose key is there already, whether an earlier statement or an earlier row
     * of this one put it there). PostgreSQL runs a statement per row of a JDBC batch: 20.4 µs of its CPU a row against
     * 14.8 in rows of 125 (1,000 outcome rows, docs/performance.md, "Evaluation"). Any other statement ({@code do
     * update}, which may not touch a row twice in one statement; updates; deletes) is sent as a JDBC batch.
     */
    private record RowsInsert(String head, String row, String tail) {

        static final int MOST = 128;

        private static final Pattern ONE_ROW = Pattern.compile("(?i)(insert into [\\w.]+ ?\\([\\w, ]+\\)) values "
                + "(\\((?: ?\\?,)* ?\\? ?\\))( on conflict(?: ?\\([\\w, ]+\\))? do nothing)?");

        private static final Pattern WHITESPACE = Pattern.compile("\\s+");

        /** The insert of many rows of {@code sql}, or null when {@code sql} is not an insert of one row. */
        static RowsInsert of(String sql) {
            Matcher matcher = ONE_ROW.matcher(WHITESPACE.matcher(sql.strip()).replaceAll(" "));
            return matcher.matches()
                    ? new RowsInsert(matcher.group(1), matcher.group(2), matcher.group(3) == null ? "" : matcher.group(3))
                    : null;
        }

        String sql(int rows) {
            StringBuilder sql = new StringBuilder(head).append(" values ").append(row);
            for (int i = 1; i < rows; i++) {
                sql.append(", ").append(row);
            }
            return sql.append(tail).toString();
        }
    }
}
