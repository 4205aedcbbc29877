package cn.zhangzhou.partybuilding.support.idempotency;

import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code support.idempotent_request} table. Every statement runs in the transaction of the request that carries
 * the key, the one its command joins (decision 0018): the key, the stored response and the command's effect commit
 * together or not at all.
 */
public class IdempotencyStore {

    /** A request with a key: its caller (token subject), the key, and what the key stands for. */
    public record KeyedRequest(String caller, String key, String method, String path, String hash) {
    }

    /** What a request with a key finds. */
    public sealed interface Claim {
    }

    /** No committed request has this key: this one runs, and its response is recorded with its effect. */
    public record Started() implements Claim {
    }

    /** The same key was used for a different method, path or body. */
    public record Mismatch(String method, String path) implements Claim {
    }

    /** A first request with this key is still running after the in-progress wait. */
    public record InProgress() implements Claim {
    }

    /** A first request with this key committed: replay its response. */
    public record Completed(int status, String contentType, String location, byte[] body) implements Claim {
    }

    /** First half of the key's advisory lock, "zzid"; the two-key form does not share the outbox relay's key space. */
    private static final int LOCK_CLASS = 0x7A7A_6964;

    // Transaction-scoped: a crash releases it with everything else of the request.
    private static final String LOCK_KEY = """
            SELECT pg_advisory_xact_lock(:lockClass, hashtext(:caller || ' ' || :key))""";

    private final JdbcClient jdbc;
    private final JdbcClient waiting;

    /** @param inProgressWait how long a claim waits for a first request still running (whole seconds) */
    public IdempotencyStore(DataSource dataSource, Duration inProgressWait, SupportSchema schema) {
        this.jdbc = JdbcClient.create(dataSource);
        JdbcTemplate bounded = new JdbcTemplate(dataSource);
        bounded.setQueryTimeout((int) Math.max(1, inProgressWait.toSeconds()));
        this.waiting = JdbcClient.create(bounded);
    }

    /**
     * Takes the key for the current transaction, waiting while another transaction holds it (a first request still
     * running), then reads what a committed request with this key left.
     */
    public Claim claim(KeyedRequest request) {
        try {
            waiting.sql(LOCK_KEY).param("lockClass", LOCK_CLASS).param("caller", request.caller())
                    .param("key", request.key()).query().listOfRows();
        } catch (QueryTimeoutException stillRunning) {
            return new InProgress();
        }
        return jdbc.sql("""
                SELECT method, path, request_hash, status, content_type, location, body
                FROM support.idempotent_request WHERE caller = :caller AND idempotency_key = :key""")
                .param("caller", request.caller()).param("key", request.key())
                .query((rs, row) -> {
                    if (!rs.getString("method").equals(request.method())
                            || !rs.getString("path").equals(request.path())
                            || !rs.getString("request_hash").equals(request.hash())) {
                        return (Claim) new Mismatch(rs.getString("method"), rs.getString("path"));
                    }
                    return new Completed(rs.getInt("status"), rs.getString("content_type"), rs.getString("location"),
                            rs.getBytes("body"));
                })
                .optional()
                .orElseGet(Started::new);
    }

    /** Records the response of the request that claimed the key; commits with its command's effect. */
    public void complete(KeyedRequest request, int status, String contentType, String location, byte[] body) {
        jdbc.sql("""
                INSERT INTO support.idempotent_request
                    (caller, idempotency_key, method, path, request_hash, status, content_type, location, body)
                VALUES (:caller, :key, :method, :path, :hash, :status, :contentType, :location, :body)""")
                .param("caller", request.caller()).param("key", request.key()).param("method", request.method())
                .param("path", request.path()).param("hash", request.hash()).param("status", status)
                .param("contentType", contentType).param("location", location).param("body", body)
                .update();
    }

    /** Deletes keys older than the retention; returns the count. */
    public int purge(Duration retention) {
        return jdbc.sql("""
                DELETE FROM support.idempotent_request WHERE created_at < now() - make_interval(secs => :retention)""")
                .param("retention", (double) retention.toSeconds())
                .update();
    }
}
