package cn.zhangzhou.partybuilding.benchmark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The ceilings of the rating paths: the same statements as the evaluation service's transactions with nothing around
 * them, N threads with a connection each, on the service's own schema ({@link Ceiling#migrate}) in a database of its
 * own. A resident's rating: the round's row locked, the code marked used (one update of its hash), the anonymous
 * rating row. A member's: the round's row locked, the member marked as having rated (a keyed insert), the rating row.
 */
final class RatingCeiling {

    private static final String LOCK_ROUND = "select status from round where id = ? for no key update";
    private static final String USE_CODE =
            "update resident_code set used = true where hash = ? and not used returning round_id, community_id";
    private static final String MARK_RATED = """
            insert into rated (round_id, component, rater, subject) values (?, 'MEMBERS', ?, ?) on conflict do nothing
            """;
    private static final String RATE =
            "insert into rating (id, round_id, organisation_id, component, score) values (?, ?, ?, ?, ?)";

    private final String jdbcUrl;
    private final String user;
    private final UUID round = UUID.randomUUID();
    private final UUID community = UUID.randomUUID();

    /** @param serviceJar the evaluation service's jar, whose migrations make the schema */
    RatingCeiling(String jdbcUrl, String user, Path serviceJar) throws SQLException {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        Ceiling.migrate(serviceJar, jdbcUrl, user);
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, ""); Statement s = c.createStatement()) {
            s.execute("""
                    insert into round (id, year, level, self_weight, mutual_weight, assessment_weight, members_weight,
                                       residents_weight, objective_weight, status, version, opened_at, opened_by)
                    values ('%s', 2099, 'COMMUNITY', 20, 10, 30, 10, 20, 10, 'OPEN', 1, now(), 'benchmark')
                    """.formatted(round));
        }
    }

    /** {@code count} fresh codes of the round's community, stored as the service stores them (hashes). */
    Queue<String> codes(int count) throws SQLException {
        // A set: ten characters of a random UUID's text are 36 bits (eight hex digits, a hyphen, one more), and 100,000
        // of them repeated one now and then (p ≈ 7 %), failing the run on the table's key.
        Set<String> codes = new LinkedHashSet<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, "");
             PreparedStatement insert = c.prepareStatement("insert into resident_code (hash, round_id, community_id, "
                     + "issued_at, issued_by) values (?, ?, ?, now(), 'benchmark')")) {
            while (codes.size() < count) {
                String code = UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
                if (!codes.add(code)) {
                    continue;
                }
                insert.setBytes(1, hash(code));
                insert.setObject(2, round);
                insert.setObject(3, community);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return new ConcurrentLinkedQueue<>(codes);
    }

    Ceiling.Run residents(int threads, Duration duration, Queue<String> codes)
            throws InterruptedException, SQLException {
        return once(threads, duration, codes, USE_CODE, "RESIDENTS", (use, code) -> {
            use.setBytes(1, hash(code));
            try (ResultSet rs = use.executeQuery()) {
                return rs.next();
            }
        });
    }

    /** Members' first ratings: {@code members} fresh ones. */
    Ceiling.Run members(int threads, Duration duration, Queue<UUID> members)
            throws InterruptedException, SQLException {
        return once(threads, duration, members, MARK_RATED, "MEMBERS", (mark, member) -> {
            mark.setObject(1, round);
            mark.setString(2, "member:" + member);
            mark.setObject(3, round);
            return mark.executeUpdate() == 1;
        });
    }

    /** Takes a rater's one rating (false: taken already). */
    @FunctionalInterface
    private interface Once<T> {
        boolean take(PreparedStatement statement, T rater) throws SQLException;
    }

    /** Each transaction: the round locked, the rater's one rating taken by {@code takeSql}, the rating row. */
    private <T> Ceiling.Run once(int threads, Duration duration, Queue<T> raters, String takeSql, String component,
                                 Once<T> take) throws InterruptedException, SQLException {
        return Ceiling.run(jdbcUrl, user, threads, duration, c -> {
            PreparedStatement lock = c.prepareStatement(LOCK_ROUND);
            PreparedStatement taken = c.prepareStatement(takeSql);
            PreparedStatement rate = c.prepareStatement(RATE);
            return () -> {
                T rater = raters.poll();
                if (rater == null) {
                    return false;
                }
                lock.setObject(1, round);
                lock.executeQuery().close();
                if (!take.take(taken, rater)) {
                    throw new SQLException("rated already: " + rater);
                }
                rate.setObject(1, UUID.randomUUID());
                rate.setObject(2, round);
                rate.setObject(3, community);
                rate.setString(4, component);
                rate.setInt(5, 80);
                rate.executeUpdate();
                return true;
            };
        });
    }

    static Queue<UUID> freshMembers(int count) {
        Queue<UUID> members = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < count; i++) {
            members.add(UUID.randomUUID());
        }
        return members;
    }

    /** The service's hash of a code: SHA-256 of its characters. */
    static byte[] hash(String code) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
