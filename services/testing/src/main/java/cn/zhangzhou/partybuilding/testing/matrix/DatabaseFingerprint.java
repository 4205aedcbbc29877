package cn.zhangzhou.partybuilding.testing.matrix;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A hash of every row of a service's tables (schema {@code public}): equal before and after a refused call means
 * the call changed nothing. Leaves out what changes on its own while the matrix runs: the outbox (the relay deletes
 * what it published), the consumers' logs, the migration histories, and the tables a service fills from other
 * services' events only. Events need no count of their own: each is appended in the transaction of the state
 * change it describes.
 */
public final class DatabaseFingerprint implements Supplier<String>, AutoCloseable {

    private static final Set<String> MOVING_ON_THEIR_OWN = Set.of("outbox_event", "processed_event",
            "consumed_aggregate", "flyway_schema_history", "messaging_schema_history");

    private final Connection connection;
    private final String query;

    /** @param fedByEvents tables written only by the service's event listeners, left out too */
    public DatabaseFingerprint(String jdbcUrl, String user, String password, String... fedByEvents) {
        try {
            connection = DriverManager.getConnection(jdbcUrl, user, password);
            Set<String> ignored = new HashSet<>(MOVING_ON_THEIR_OWN);
            ignored.addAll(List.of(fedByEvents));
            List<String> hashes = new ArrayList<>();
            try (ResultSet tables = connection.createStatement().executeQuery("select table_name from "
                    + "information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' "
                    + "order by table_name")) {
                while (tables.next()) {
                    String table = tables.getString(1);
                    if (!ignored.contains(table)) {
                        hashes.add("(select '" + table + ":' || md5(coalesce(string_agg(md5(t::text), '' order by "
                                + "md5(t::text)), '')) from \"" + table + "\" t)");
                    }
                }
            }
            query = "select " + String.join(" || ' ' || ", hashes);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tables of " + jdbcUrl, e);
        }
    }

    @Override
    public String get() {
        try (ResultSet hash = connection.createStatement().executeQuery(query)) {
            hash.next();
            return hash.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
