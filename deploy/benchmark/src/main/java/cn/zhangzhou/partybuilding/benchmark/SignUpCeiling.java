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
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import cn.zhangzhou.partybuilding.events.volunteering.ActivitySignedUp;
import cn.zhangzhou.partybuilding.events.volunteering.CheckedIn;
import cn.zhangzhou.partybuilding.events.volunteering.ShiftKind;
import cn.zhangzhou.partybuilding.events.volunteering.SignUpStatus;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteeringEvents;

/**
 * The ceilings of the sign-up and check-in paths: the same statements as the service's transactions with nothing
 * around them, N threads with a connection each, on the volunteering service's own schema ({@link Ceiling#migrate})
 * in a database of its own. A sign-up: the member's volunteer row if new, the activity locked, its places counted,
 * the member's active sign-up looked for, the sign-up row, the activity's version, the outbox row. A check-in: the
 * volunteer locked, an open entry looked for, the entries counted, the code's use, the hours row, the outbox row.
 */
final class SignUpCeiling {

    private static final String TOPIC = "xiangcheng.volunteering.events";
    private static final String INSERT_VOLUNTEER = """
            insert into volunteer (id, kind, district, community_id, version, registered_at, registered_by)
            values (?, 'MEMBER', 'xiangcheng', ?, 1, now(), 'benchmark') on conflict do nothing
            """;
    private static final String LOCK_ACTIVITY = "select id from activity where id = ? for no key update";
    private static final String COUNT_PLACES = """
            select a.version, (select count(*) from sign_up s where s.activity_id = a.id and s.status = 'CONFIRMED'),
                   (select count(*) from sign_up s where s.activity_id = a.id and s.status = 'WAITING')
            from activity a where a.id = ?
            """;
    private static final String ACTIVE_SIGN_UP =
            "select id from sign_up where activity_id = ? and volunteer_id = ? and status <> 'CANCELLED'";
    private static final String INSERT_SIGN_UP = """
            insert into sign_up (id, activity_id, volunteer_id, status, signed_up_at, confirmed_at)
            values (?, ?, ?, 'CONFIRMED', ?, ?)
            """;
    private static final String BUMP = "update activity set version = version + 1 where id = ?";
    private static final String LOCK_VOLUNTEER = "select * from volunteer where id = ? for no key update";
    private static final String OPEN_HOURS =
            "select id from hours where volunteer_id = ? and shift_id = ? and status = 'OPEN' for no key update";
    private static final String STANDING =
            "select count(*) from hours where volunteer_id = ? and shift_id = ? and status <> 'DECLINED'";
    private static final String USE_CODE = """
            insert into used_code (volunteer_id, shift_id, code_window, action) values (?, ?, 1, 'CHECK_IN')
            on conflict do nothing
            """;
    private static final String INSERT_HOURS = """
            insert into hours (id, volunteer_id, community_id, shift_kind, shift_id, training, source, status,
                               checked_in_at, served_on, minutes, submitted_by, version)
            values (?, ?, ?, 'ACTIVITY', ?, false, 'CHECK_IN', 'OPEN', ?, current_date, 0, 'benchmark', 1)
            """;

    private final String jdbcUrl;
    private final String user;
    private final UUID community = UUID.randomUUID();
    /** The members of {@link #pairs}: a pair's member is an index into them. */
    private List<UUID> members = List.of();

    /** @param serviceJar the volunteering service's jar, whose migrations make the schema */
    SignUpCeiling(String jdbcUrl, String user, Path serviceJar) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        Ceiling.migrate(serviceJar, jdbcUrl, user);
    }

    /** Fresh activities with room for everybody and fresh members: every pair of them one sign-up. */
    Queue<SignUpLoad.Pair> pairs(int activities, int members) throws SQLException {
        List<UUID> activityIds = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, ""); Statement s = c.createStatement()) {
            s.execute("""
                    create temporary table fresh as select gen_random_uuid() as id from generate_series(1, %d);
                    insert into activity (id, community_id, kind, title, description, place, starts_at, ends_at, capacity,
                                          cancellation_deadline, status, version, scheduled_at, scheduled_by)
                    select id, '%s', 'SERVICE', '基准活动', '党员志愿服务', '基准社区', now() + interval '1 day',
                           now() + interval '1 day 2 hours', 10000, now() + interval '1 day', 'SCHEDULED', 1, now(),
                           'benchmark' from fresh;
                    """.formatted(activities, community));
            try (ResultSet rs = s.executeQuery("select id from fresh")) {
                while (rs.next()) {
                    activityIds.add(rs.getObject(1, UUID.class));
                }
            }
        }
        List<UUID> memberIds = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            memberIds.add(UUID.randomUUID());
        }
        this.members = memberIds;
        Queue<SignUpLoad.Pair> pairs = new ConcurrentLinkedQueue<>();
        for (int m = 0; m < members; m++) {
            for (UUID activity : activityIds) {
                pairs.add(new SignUpLoad.Pair(activity, m));
            }
        }
        return pairs;
    }

    /** Sign-ups from {@code pairs} (see {@link #pairs}); each one done goes to {@code done}. */
    Ceiling.Run signUps(int threads, Duration duration, Queue<SignUpLoad.Pair> pairs, Queue<SignUpLoad.Pair> done)
            throws InterruptedException, SQLException {
        return Ceiling.run(jdbcUrl, user, threads, duration, c -> {
            PreparedStatement volunteer = c.prepareStatement(INSERT_VOLUNTEER);
            PreparedStatement lock = c.prepareStatement(LOCK_ACTIVITY);
            PreparedStatement places = c.prepareStatement(COUNT_PLACES);
            PreparedStatement active = c.prepareStatement(ACTIVE_SIGN_UP);
            PreparedStatement insert = c.prepareStatement(INSERT_SIGN_UP);
            PreparedStatement bump = c.prepareStatement(BUMP);
            PreparedStatement outbox = c.prepareStatement(Ceiling.INSERT_OUTBOX);
            return () -> {
                SignUpLoad.Pair pair = pairs.poll();
                if (pair == null) {
                    return false;
                }
                UUID member = members.get(pair.member());
                volunteer.setObject(1, member);
                volunteer.setObject(2, community);
                volunteer.executeUpdate();
                lock.setObject(1, pair.activity());
                lock.executeQuery().close();
                places.setObject(1, pair.activity());
                long version;
                try (ResultSet rs = places.executeQuery()) {
                    rs.next();
                    version = rs.getLong(1);
                }
                active.setObject(1, pair.activity());
                active.setObject(2, member);
                try (ResultSet rs = active.executeQuery()) {
                    if (rs.next()) {
                        throw new SQLException("signed up already: " + pair);
                    }
                }
                UUID signUp = UUID.randomUUID();
                Timestamp now = Timestamp.from(Instant.now());
                insert.setObject(1, signUp);
                insert.setObject(2, pair.activity());
                insert.setObject(3, member);
                insert.setTimestamp(4, now);
                insert.setTimestamp(5, now);
                insert.executeUpdate();
                bump.setObject(1, pair.activity());
                bump.executeUpdate();
                Ceiling.append(outbox, TOPIC, VolunteeringEvents.ACTIVITY_SIGNED_UP, new ActivitySignedUp(
                        pair.activity(), community, signUp, member, SignUpStatus.CONFIRMED, null), version + 1);
                done.add(pair);
                return true;
            };
        });
    }

    /** First check-ins of pairs signed up by {@link #signUps}. */
    Ceiling.Run checkIns(int threads, Duration duration, Queue<SignUpLoad.Pair> pairs)
            throws InterruptedException, SQLException {
        return Ceiling.run(jdbcUrl, user, threads, duration, c -> {
            PreparedStatement lock = c.prepareStatement(LOCK_VOLUNTEER);
            PreparedStatement open = c.prepareStatement(OPEN_HOURS);
            PreparedStatement standing = c.prepareStatement(STANDING);
            PreparedStatement useCode = c.prepareStatement(USE_CODE);
            PreparedStatement insert = c.prepareStatement(INSERT_HOURS);
            PreparedStatement outbox = c.prepareStatement(Ceiling.INSERT_OUTBOX);
            return () -> {
                SignUpLoad.Pair pair = pairs.poll();
                if (pair == null) {
                    return false;
                }
                UUID member = members.get(pair.member());
                lock.setObject(1, member);
                lock.executeQuery().close();
                for (PreparedStatement read : List.of(open, standing)) {
                    read.setObject(1, member);
                    read.setObject(2, pair.activity());
                    read.executeQuery().close();
                }
                useCode.setObject(1, member);
                useCode.setObject(2, pair.activity());
                if (useCode.executeUpdate() != 1) {
                    throw new SQLException("code used already: " + pair);
                }
                UUID hours = UUID.randomUUID();
                insert.setObject(1, hours);
                insert.setObject(2, member);
                insert.setObject(3, community);
                insert.setObject(4, pair.activity());
                insert.setTimestamp(5, Timestamp.from(Instant.now()));
                insert.executeUpdate();
                Ceiling.append(outbox, TOPIC, VolunteeringEvents.CHECKED_IN,
                        new CheckedIn(hours, member, community, ShiftKind.ACTIVITY, pair.activity()), 1);
                return true;
            };
        });
    }
}
