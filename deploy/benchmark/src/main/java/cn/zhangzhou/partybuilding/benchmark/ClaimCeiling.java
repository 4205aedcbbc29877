package cn.zhangzhou.partybuilding.benchmark;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import cn.zhangzhou.partybuilding.events.wishes.ClaimerKind;
import cn.zhangzhou.partybuilding.events.wishes.WishClaimed;
import cn.zhangzhou.partybuilding.events.wishes.WishesEvents;

/**
 * The claim path's ceiling: the same writes as a winning claim with nothing around it. N threads, one JDBC
 * connection each, take the next published {@code wish} row and in one transaction move it to CLAIMED by the same
 * conditional update, insert the transition, the {@code claim} row and the outbox row (a real WishClaimed payload),
 * then commit. On the wishes service's own schema ({@link Ceiling#migrate}), in a database of its own on the same
 * PostgreSQL server.
 */
final class ClaimCeiling {

    private static final String CLAIM = """
            update wish set status = 'CLAIMED', version = version + 1, updated_at = ?, current_claim_id = ?, priority = false
            where id = ? and status = 'PUBLISHED' and version = 2
            """;
    private static final String TRANSITION = """
            insert into wish_transition (wish_id, from_status, to_status, transition, actor, at, reason)
            values (?, 'PUBLISHED', 'CLAIMED', 'CLAIM', ?, ?, null)
            """;
    private static final String INSERT_CLAIM = """
            insert into claim (id, wish_id, claimer_kind, claimer_id, claimer_district, status, claimed_at, contact_deadline)
            values (?, ?, 'MEMBER', ?, 'xiangcheng', 'OPEN', ?, ?)
            """;

    private final String jdbcUrl;
    private final String user;
    private final UUID community = UUID.randomUUID();
    private final UUID claimer = UUID.randomUUID();

    /** @param serviceJar the wishes service's jar, whose migrations make the schema */
    ClaimCeiling(String jdbcUrl, String user, Path serviceJar) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        Ceiling.migrate(serviceJar, jdbcUrl, user);
    }

    /** Publishes {@code count} fresh wishes (version 2, as after post + publish) and returns their ids. */
    private ConcurrentLinkedQueue<UUID> publish(int count) throws SQLException {
        ConcurrentLinkedQueue<UUID> ids = new ConcurrentLinkedQueue<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, ""); Statement s = c.createStatement()) {
            s.execute("""
                    create temporary table fresh as
                        select gen_random_uuid() as id, gen_random_uuid() as beneficiary from generate_series(1, %d);
                    insert into beneficiary (id, name, phone, address, community_id, created_at)
                    select beneficiary, '王秀兰', '+86 596 0000000', '基准社区1号', '%s', now() from fresh;
                    insert into wish (id, community_id, category, description, estimated_value_yuan, posted_by,
                                      beneficiary_id, status, version, posted_at, published_at, updated_at)
                    select id, '%2$s', 'DAILY_NECESSITIES', '基准微心愿：一袋米和一桶油', 120, 'STAFF', beneficiary,
                           'PUBLISHED', 2, now(), now(), now() from fresh;
                    """.formatted(count, community));
            try (ResultSet rs = s.executeQuery("select id from fresh")) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    /**
     * @param wishes rows to publish first: more than the run can claim (a thread stops when none are left, and
     *               the run then reports the time actually used)
     */
    Ceiling.Run run(int threads, Duration duration, int wishes) throws InterruptedException, SQLException {
        ConcurrentLinkedQueue<UUID> pool = publish(wishes);
        Ceiling.Run run = Ceiling.run(jdbcUrl, user, threads, duration, c -> {
            PreparedStatement claim = c.prepareStatement(CLAIM);
            PreparedStatement transition = c.prepareStatement(TRANSITION);
            PreparedStatement insertClaim = c.prepareStatement(INSERT_CLAIM);
            PreparedStatement outbox = c.prepareStatement(Ceiling.INSERT_OUTBOX);
            return () -> {
                UUID wish = pool.poll();
                return wish != null && claim(wish, claim, transition, insertClaim, outbox);
            };
        });
        return !pool.isEmpty() || run.firstError() != null ? run : new Ceiling.Run(run.threads(), run.seconds(),
                run.transactions(), run.errors(), "ran out of wishes before the end of the run");
    }

    private boolean claim(UUID wish, PreparedStatement claim, PreparedStatement transition,
                          PreparedStatement insertClaim, PreparedStatement outbox) throws SQLException {
        Instant now = Instant.now();
        Timestamp at = Timestamp.from(now);
        Instant deadline = now.plus(Duration.ofDays(7));
        UUID claimId = UUID.randomUUID();
        claim.setTimestamp(1, at);
        claim.setObject(2, claimId);
        claim.setObject(3, wish);
        if (claim.executeUpdate() != 1) {
            throw new SQLException("wish " + wish + " was not PUBLISHED");
        }
        transition.setObject(1, wish);
        transition.setString(2, "benchmark-member");
        transition.setTimestamp(3, at);
        transition.executeUpdate();
        insertClaim.setObject(1, claimId);
        insertClaim.setObject(2, wish);
        insertClaim.setObject(3, claimer);
        insertClaim.setTimestamp(4, at);
        insertClaim.setTimestamp(5, Timestamp.from(deadline));
        insertClaim.executeUpdate();
        WishClaimed event = new WishClaimed(wish, community, claimId, ClaimerKind.MEMBER, claimer, "xiangcheng",
                deadline);
        Ceiling.append(outbox, "xiangcheng.wishes.events", WishesEvents.WISH_CLAIMED, event, 3);
        return true;
    }
}
