package cn.zhangzhou.partybuilding.support.idempotency;

import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code support.idempotent_request} table. Each statement commits on its own (no surrounding transaction). */
public class IdempotencyStore {

    /** What a request with a key finds. */
    public sealed interface Claim {
    }

    /** The key is new: this request runs and its response is recorded. */
    public record Started() implements Claim {
    }

    /** The same key was used for a different method, path or body. */
    public record Mismatch(String method, String path) implements Claim {
    }

    /** The first request with this key is still running. */
    public record InProgress() implements Claim {
    }

    /** The first request finished: replay its response. */
    public record Completed(int status, String contentType, String location, byte[] body) implements Claim {
    }

    private final JdbcClient jdbc;

    public IdempotencyStore(JdbcClient jdbc, SupportSchema schema) {
        this.jdbc = jdbc;
    }

    public Claim claim(String caller, String key, String method, String path, String requestHash) {
        for (int attempt = 0; attempt < 3; attempt++) {
            int inserted = jdbc.sql("""
                    INSERT INTO support.idempotent_request (caller, idempotency_key, method, path, request_hash)
                    VALUES (:caller, :key, :method, :path, :hash)
                    ON CONFLICT (caller, idempotency_key) DO NOTHING""")
                    .param("caller", caller).param("key", key).param("method", method).param("path", path)
                    .param("hash", requestHash)
                    .update();
            if (inserted == 1) {
                return new Started();
            }
            Optional<Claim> existing = jdbc.sql("""
                    SELECT method, path, request_hash, status, content_type, location, body
                    FROM support.idempotent_request WHERE caller = :caller AND idempotency_key = :key""")
                    .param("caller", caller).param("key", key)
                    .query((rs, row) -> {
                        if (!rs.getString("method").equals(method) || !rs.getString("path").equals(path)
                                || !rs.getString("request_hash").equals(requestHash)) {
                            return (Claim) new Mismatch(rs.getString("method"), rs.getString("path"));
                        }
                        int status = rs.getInt("status");
                        if (rs.wasNull()) {
                            return new InProgress();
                        }
                        return new Completed(status, rs.getString("content_type"), rs.getString("location"),
                                rs.getBytes("body"));
                    })
                    .optional();
            if (existing.isPresent()) {
                return existing.get();
            }
            // The row went away between insert and select (a failed first attempt released it): try again.
        }
        return new InProgress();
    }

    public void complete(String caller, String key, int status, String contentType, String location, byte[] body) {
        jdbc.sql("""
                UPDATE support.idempotent_request
                SET status = :status, content_type = :contentType, location = :location, body = :body,
                    completed_at = now()
                WHERE caller = :caller AND idempotency_key = :key""")
                .param("status", status).param("contentType", contentType).param("location", location)
                .param("body", body).param("caller", caller).param("key", key)
                .update();
    }

    /** Forgets a first attempt that failed, so the client's retry runs again. */
    public void release(String caller, String key) {
        jdbc.sql("DELETE FROM support.idempotent_request WHERE caller = :caller AND idempotency_key = :key AND status IS NULL")
                .param("caller", caller).param("key", key)
                .update();
    }

    /** Deletes keys older than the retention, and first attempts abandoned longer than the timeout; returns the count. */
    public int purge(Duration retention, Duration inProgressTimeout) {
        return jdbc.sql("""
                DELETE FROM support.idempotent_request
                WHERE created_at < now() - make_interval(secs => :retention)
                   OR (status IS NULL AND created_at < now() - make_interval(secs => :timeout))""")
                .param("retention", (double) retention.toSeconds())
                .param("timeout", (double) inProgressTimeout.toSeconds())
                .update();
    }
}
