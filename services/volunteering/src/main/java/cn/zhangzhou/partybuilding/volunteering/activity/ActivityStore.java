package cn.zhangzhou.partybuilding.volunteering.activity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.zhangzhou.partybuilding.events.volunteering.ActivityKind;
import cn.zhangzhou.partybuilding.events.volunteering.SignUpStatus;
import cn.zhangzhou.partybuilding.support.web.Page;

/**
 * Activities and their sign-ups. Sign-ups are made under the activity's row lock, so their {@code arrival} is the
 * order in which they got a place or joined the waiting list; a WAITING sign-up's position is its rank by arrival.
 * Every sign-up, cancellation and promotion moves the activity one version on.
 */
@Repository
class ActivityStore {

    private static final String SELECT = "select a.*, "
            + "(select count(*) from sign_up s where s.activity_id = a.id and s.status = 'CONFIRMED') confirmed, "
            + "(select count(*) from sign_up s where s.activity_id = a.id and s.status = 'WAITING') waiting "
            + "from activity a";

    /** Sign-ups with the position of the waiting ones. */
    private static final String SIGN_UPS = "select s.*, case when s.status = 'WAITING' then (select count(*)::int "
            + "from sign_up w where w.activity_id = s.activity_id and w.status = 'WAITING' and w.arrival <= s.arrival) "
            + "end waiting_position from sign_up s";

    private final JdbcClient jdbc;

    ActivityStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Activity> find(UUID id) {
        return jdbc.sql(SELECT + " where a.id = ?").param(id).query(ActivityStore::map).optional();
    }

    /** The activity, locked until the transaction ends; its counts read after the lock was granted. */
    Optional<Activity> lock(UUID id) {
        jdbc.sql("select id from activity where id = ? for no key update").param(id).query(UUID.class).optional();
        return find(id);
    }

    void insert(Activity a, String by) {
        jdbc.sql("insert into activity (id, community_id, kind, title, description, place, specialty, starts_at, ends_at, "
                        + "capacity, cancellation_deadline, campaign_id, status, version, scheduled_at, scheduled_by) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SCHEDULED', 1, ?, ?)")
                .params(a.id(), a.communityId(), a.kind().name(), a.title(), a.description(), a.place(), a.specialty(),
                        Timestamp.from(a.startsAt()), Timestamp.from(a.endsAt()), a.capacity(),
                        Timestamp.from(a.cancellationDeadline()), a.campaignId(), Timestamp.from(a.scheduledAt()), by)
                .update();
    }

    void cancel(UUID id, Instant at, String reason) {
        jdbc.sql("update activity set status = 'CANCELLED', cancelled_at = ?, cancel_reason = ? where id = ?")
                .params(Timestamp.from(at), reason, id).update();
        bump(id);
    }

    void insertSignUp(UUID id, UUID activityId, UUID volunteerId, SignUpStatus status, Instant at) {
        jdbc.sql("insert into sign_up (id, activity_id, volunteer_id, status, signed_up_at, confirmed_at) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(id, activityId, volunteerId, status.name(), Timestamp.from(at),
                        status == SignUpStatus.CONFIRMED ? Timestamp.from(at) : null)
                .update();
        bump(activityId);
    }

    void cancelSignUp(Activity.SignUp s, Instant at, String by) {
        jdbc.sql("update sign_up set status = 'CANCELLED', cancelled_at = ?, cancelled_by = ? where id = ?")
                .params(Timestamp.from(at), by, s.id()).update();
        bump(s.activityId());
    }

    void promote(Activity.SignUp s, Instant at) {
        jdbc.sql("update sign_up set status = 'CONFIRMED', confirmed_at = ? where id = ?")
                .params(Timestamp.from(at), s.id()).update();
        bump(s.activityId());
    }

    private void bump(UUID activityId) {
        jdbc.sql("update activity set version = version + 1 where id = ?").param(activityId).update();
    }

    Optional<Activity.SignUp> signUp(UUID id) {
        return jdbc.sql(SIGN_UPS + " where s.id = ?").param(id).query(ActivityStore::signUp).optional();
    }

    /** The volunteer's sign-up to the activity that is not cancelled, if any. */
    Optional<Activity.SignUp> activeSignUp(UUID activityId, UUID volunteerId) {
        return jdbc.sql(SIGN_UPS + " where s.activity_id = ? and s.volunteer_id = ? and s.status <> 'CANCELLED'")
                .params(activityId, volunteerId).query(ActivityStore::signUp).optional();
    }

    /** The first on the waiting list: the next to be promoted. */
    Optional<Activity.SignUp> firstWaiting(UUID activityId) {
        return jdbc.sql(SIGN_UPS + " where s.activity_id = ? and s.status = 'WAITING' order by s.arrival limit 1")
                .param(activityId).query(ActivityStore::signUp).optional();
    }

    /** Activities of the communities, soonest first; either filter may be null. */
    Page<Activity> of(List<UUID> communities, ActivityKind kind, UUID campaignId, int page, int size) {
        String where = " where a.community_id in (:communities)" + (kind == null ? "" : " and a.kind = :kind")
                + (campaignId == null ? "" : " and a.campaign_id = :campaign");
        Map<String, Object> params = new HashMap<>(Map.of("communities", communities, "size", size,
                "offset", (long) page * size));
        params.put("kind", kind == null ? null : kind.name());
        params.put("campaign", campaignId);
        long total = jdbc.sql("select count(*) from activity a" + where).params(params).query(Long.class).single();
        List<Activity> items = jdbc.sql(SELECT + where + " order by a.starts_at, a.id limit :size offset :offset")
                .params(params).query(ActivityStore::map).list();
        return Page.of(items, page, size, total);
    }

    /** The activity's sign-ups in arrival order; {@code status} may be null. */
    Page<Activity.SignUp> signUpsTo(UUID activityId, String status, int page, int size) {
        String where = " where s.activity_id = :a" + (status == null ? "" : " and s.status = :status");
        Map<String, Object> params = new HashMap<>(Map.of("a", activityId, "size", size, "offset", (long) page * size));
        params.put("status", status);
        long total = jdbc.sql("select count(*) from sign_up s" + where).params(params).query(Long.class).single();
        List<Activity.SignUp> items = jdbc.sql(SIGN_UPS + where + " order by s.arrival limit :size offset :offset")
                .params(params).query(ActivityStore::signUp).list();
        return Page.of(items, page, size, total);
    }

    /** A volunteer's sign-ups, newest first. */
    Page<Activity.SignedUpActivity> signUpsOf(UUID volunteerId, int page, int size) {
        long total = jdbc.sql("select count(*) from sign_up where volunteer_id = ?").param(volunteerId)
                .query(Long.class).single();
        List<Activity.SignedUpActivity> items = jdbc.sql("select s.*, a.title, a.community_id, a.kind, a.starts_at, "
                        + "a.ends_at from (" + SIGN_UPS + " where s.volunteer_id = :v) s join activity a on a.id = s.activity_id "
                        + "order by s.signed_up_at desc, s.id limit :size offset :offset")
                .param("v", volunteerId).param("size", size).param("offset", (long) page * size)
                .query((rs, i) -> new Activity.SignedUpActivity(rs.getObject("id", UUID.class), rs.getString("status"),
                        rs.getObject("waiting_position", Integer.class), rs.getTimestamp("signed_up_at").toInstant(),
                        rs.getObject("activity_id", UUID.class), rs.getString("title"),
                        rs.getObject("community_id", UUID.class), ActivityKind.valueOf(rs.getString("kind")),
                        rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant()))
                .list();
        return Page.of(items, page, size, total);
    }

    private static Activity map(ResultSet rs, int i) throws SQLException {
        return new Activity(rs.getObject("id", UUID.class), rs.getObject("community_id", UUID.class),
                ActivityKind.valueOf(rs.getString("kind")), rs.getString("title"), rs.getString("description"),
                rs.getString("place"), rs.getString("specialty"), rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("ends_at").toInstant(), rs.getInt("capacity"),
                rs.getTimestamp("cancellation_deadline").toInstant(), rs.getObject("campaign_id", UUID.class),
                Activity.Status.valueOf(rs.getString("status")), rs.getLong("version"),
                rs.getTimestamp("scheduled_at").toInstant(), rs.getString("cancel_reason"), rs.getInt("confirmed"),
                rs.getInt("waiting"));
    }

    private static Activity.SignUp signUp(ResultSet rs, int i) throws SQLException {
        return new Activity.SignUp(rs.getObject("id", UUID.class), rs.getObject("activity_id", UUID.class),
                rs.getObject("volunteer_id", UUID.class), rs.getString("status"),
                rs.getObject("waiting_position", Integer.class), rs.getTimestamp("signed_up_at").toInstant(),
                rs.getTimestamp("confirmed_at") == null ? null : rs.getTimestamp("confirmed_at").toInstant(),
                rs.getTimestamp("cancelled_at") == null ? null : rs.getTimestamp("cancelled_at").toInstant());
    }
}
