package cn.zhangzhou.partybuilding.wishes.wish;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The beneficiary's one-time confirmation codes (确认码), one per wish. Eight random digits: with at most
 * {@code zz.wishes.confirmation-attempts} wrong tries before the code is invalidated, guessing succeeds with
 * odds of 5 in 100 million.
 */
@Repository
class ConfirmationCodeStore {

    /** ACTIVE → USED once, or INVALIDATED after too many wrong codes (staff confirm then). */
    enum Status {
        ACTIVE, USED, INVALIDATED
    }

    record Code(UUID wishId, String code, Status status, int failedAttempts, Instant usedAt, String usedBy) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    ConfirmationCodeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void issue(UUID wishId, Instant at) {
        String code = String.format("%08d", RANDOM.nextInt(100_000_000));
        jdbc.sql("insert into confirmation_code (wish_id, code, status, created_at) values (?, ?, 'ACTIVE', ?)")
                .params(wishId, code, Timestamp.from(at)).update();
    }

    Optional<Code> find(UUID wishId) {
        return jdbc.sql("select * from confirmation_code where wish_id = ?").param(wishId)
                .query((rs, i) -> new Code(rs.getObject("wish_id", UUID.class), rs.getString("code"),
                        Status.valueOf(rs.getString("status")), rs.getInt("failed_attempts"),
                        rs.getTimestamp("used_at") == null ? null : rs.getTimestamp("used_at").toInstant(),
                        rs.getString("used_by")))
                .optional();
    }

    /**
     * Counts a wrong code, atomically (parallel guesses each count); the {@code maxAttempts}-th invalidates it.
     *
     * @return the failed attempts now, or empty if the code was no longer active
     */
    Optional<Integer> fail(UUID wishId, int maxAttempts) {
        return jdbc.sql("update confirmation_code set failed_attempts = failed_attempts + 1, "
                        + "status = case when failed_attempts + 1 >= :max then 'INVALIDATED' else status end "
                        + "where wish_id = :wish and status = 'ACTIVE' returning failed_attempts")
                .param("max", maxAttempts).param("wish", wishId).query(Integer.class).optional();
    }

    /** @return false if the code was used (or invalidated) meanwhile */
    boolean use(UUID wishId, String by, Instant at) {
        return jdbc.sql("update confirmation_code set status = 'USED', used_at = ?, used_by = ? "
                        + "where wish_id = ? and status = 'ACTIVE'")
                .params(Timestamp.from(at), by, wishId).update() == 1;
    }
}
