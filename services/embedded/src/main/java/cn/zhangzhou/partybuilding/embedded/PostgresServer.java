package cn.zhangzhou.partybuilding.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real PostgreSQL binaries (from the zonky jars) started as a child process. With a data directory
 * that already holds a cluster, the data survives a restart.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /**
     * @param dataDir where the cluster lives; kept when {@code keepData}
     * @param port the port, or 0 for a free one
     */
    public static PostgresServer start(Path dataDir, int port, boolean keepData) {
        return start(dataDir, port, keepData, Map.of());
    }

    /**
     * As {@link #start(Path, int, boolean)}, with server settings that replace or add to ours (e.g.
     * {@code synchronous_commit=on}, PostgreSQL's own default, where a crash must not lose an acknowledged commit:
     * the fault suite; the library's default is off).
     */
    public static PostgresServer start(Path dataDir, int port, boolean keepData, Map<String, String> settings) {
        return start(dataDir, port, keepData, settings, true);
    }

    /**
     * As {@link #start(Path, int, boolean, Map)}; {@code stopAtExit} false leaves stopping PostgreSQL to the caller.
     * The library's own JVM shutdown hook runs at the same time as every other hook, so an owner that stops its
     * clients first and PostgreSQL last in a hook of its own (the local platform) must not have it: PostgreSQL
     * would otherwise stop under services still closing their pools.
     */
    public static PostgresServer start(Path dataDir, int port, boolean keepData, Map<String, String> settings,
                                       boolean stopAtExit) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(!keepData)
                    .setPort(port == 0 ? FreePorts.find() : port)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "64MB")
                    .setServerConfig("fsync", "on")
                    .setRegisterShutdownHook(stopAtExit);
            settings.forEach(builder::setServerConfig);
            EmbeddedPostgres pg = builder.start();
            log.info("PostgreSQL listening on localhost:{}, data in {}", pg.getPort(), dataDir);
            return new PostgresServer(pg, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** Creates the database unless it exists; returns its JDBC URL. */
    public String ensureDatabase(String database) {
        Databases.ensure(jdbcUrl("postgres"), USER, "", database);
        return jdbcUrl(database);
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Kills the postmaster and every backend with SIGKILL, as a crash of the machine's PostgreSQL would; the next
     * {@link #start} on the same data directory recovers from the WAL. Then releases this instance.
     */
    public void crash() {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
            ProcessHandle.of(pid).ifPresent(postmaster -> {
                List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
                all.add(postmaster);
                all.forEach(ProcessHandle::destroyForcibly);
                all.forEach(p -> p.onExit().join());
            });
        } catch (IOException e) {
            throw new UncheckedIOException("no postmaster.pid in " + dataDir, e);
        }
        // The postmaster is gone, so the library's own stop only fails (logged) and releases its lock on the data.
        close();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Database creation that works on any PostgreSQL we are pointed at. */
    public static final class Databases {
        private Databases() {
        }

        public static void ensure(String adminUrl, String user, String password, String database) {
            if (!database.matches("[a-z0-9_]+")) {
                throw new IllegalArgumentException("database name must be [a-z0-9_]+: " + database);
            }
            try (Connection c = java.sql.DriverManager.getConnection(adminUrl, user, password);
                 Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                    if (rs.next()) {
                        return;
                    }
                }
                s.execute("create database " + database);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create database " + database, e);
            }
        }
    }
}
