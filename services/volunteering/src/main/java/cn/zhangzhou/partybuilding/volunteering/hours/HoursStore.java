package cn.zhangzhou.partybuilding.volunteering.hours;

import java.sql.Date;
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

import cn.zhangzhou.partybuilding.events.volunteering.HoursSource;
import cn.zhangzhou.partybuilding.events.volunteering.ShiftKind;
import cn.zhangzhou.partybuilding.support.web.Page;

/** Hours entries, their decisions (never deleted) and the codes used to check in and out. */
@Repository
class HoursStore {

    private final JdbcClient jdbc;

    HoursStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Hours> find(UUID id) {
        return jdbc.sql("select * from hours where id = ?").param(id).query(HoursStore::map).optional();
    }

    Optional<Hours> lock(UUID id) {
        return jdbc.sql("select * from hours where id = ? for no key update").param(id).query(HoursStore::map).optional();
    }

    /** A new entry (OPEN at check-in, PENDING for a claim), with its first decision. */
    void insert(Hours h, Instant at, String reason) {
        jdbc.sql("insert into hours (id, volunteer_id, community_id, shift_kind, shift_id, training, specialty, campaign_id, "
                        + "source, status, checked_in_at, served_on, minutes, submitted_by, version) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)")
                .params(h.id(), h.volunteerId(), h.communityId(), h.shiftKind().name(), h.shiftId(), h.training(),
                        h.specialty(), h.campaignId(), h.source().name(), h.status().name(),
                        h.checkedInAt() == null ? null : Timestamp.from(h.checkedInAt()), Date.valueOf(h.servedOn()),
                        h.minutes(), h.submittedBy())
                .update();
        decision(h.id(), h.status() == Hours.Status.OPEN ? "CHECK_IN" : "CLAIM", h.submittedBy(), at, reason);
    }

    void checkOut(Hours h, Instant at, int minutes, String actor) {
        jdbc.sql("update hours set status = 'APPROVED', checked_out_at = ?, minutes = ?, version = version + 1 "
                        + "where id = ?")
                .params(Timestamp.from(at), minutes, h.id()).update();
        decision(h.id(), Hours.Transition.CHECK_OUT.name(), actor, at, null);
    }

    /** Approve, decline or appeal; the caller checked the transition under the entry's lock. */
    void decide(Hours h, Hours.Transition t, Instant at, String actor, String reason) {
        jdbc.sql("update hours set status = ?, appealed = appealed or ?, version = version + 1 where id = ?")
                .params(t.to().name(), t == Hours.Transition.APPEAL, h.id()).update();
        decision(h.id(), t.name(), actor, at, reason);
    }

    private void decision(UUID hoursId, String action, String actor, Instant at, String reason) {
        jdbc.sql("insert into hours_decision (hours_id, action, actor, at, reason) values (?, ?, ?, ?, ?)")
                .params(hoursId, action, actor, Timestamp.from(at), reason).update();
    }

    List<Hours.Decision> decisions(UUID hoursId) {
        return jdbc.sql("select * from hours_decision where hours_id = ? order by id").param(hoursId)
                .query((rs, i) -> new Hours.Decision(rs.getString("action"), rs.getString("actor"),
                        rs.getTimestamp("at").toInstant(), rs.getString("reason")))
                .list();
    }

    /** The volunteer's entry on the shift that is checked in and not yet out. */
    Optional<Hours> open(UUID volunteerId, UUID shiftId) {
        return jdbc.sql("select * from hours where volunteer_id = ? and shift_id = ? and status = 'OPEN' for no key update")
                .params(volunteerId, shiftId).query(HoursStore::map).optional();
    }

    /** Entries of the volunteer on the shift that are not declined: for a shift served once, there may be one. */
    long standing(UUID volunteerId, UUID shiftId) {
        return jdbc.sql("select count(*) from hours where volunteer_id = ? and shift_id = ? and status <> 'DECLINED'")
                .params(volunteerId, shiftId).query(Long.class).single();
    }

    /** Minutes of the volunteer on the shift approved or waiting for a decision: what a budget is measured against. */
    long minutesTaken(UUID volunteerId, UUID shiftId) {
        return jdbc.sql("select coalesce(sum(minutes), 0) from hours where volunteer_id = ? and shift_id = ? "
                        + "and status in ('APPROVED', 'PENDING', 'APPEALED')")
                .params(volunteerId, shiftId).query(Long.class).single();
    }

    /** @return false if this code already checked the volunteer in (or out) of the shift */
    boolean useCode(UUID volunteerId, UUID shiftId, long window, String action) {
        return jdbc.sql("insert into used_code (volunteer_id, shift_id, code_window, action) values (?, ?, ?, ?) "
                        + "on conflict do nothing")
                .params(volunteerId, shiftId, window, action).update() == 1;
    }

    /** A volunteer's entries, latest served first. */
    Page<Hours> of(UUID volunteerId, int page, int size) {
        return page(" where volunteer_id = :v", Map.of("v", volunteerId), page, size);
    }

    /** Entries of the communities, optionally in one status: the approval queue is {@code PENDING} and {@code APPEALED}. */
    Page<Hours> of(List<UUID> communities, Hours.Status status, int page, int size) {
        Map<String, Object> params = new HashMap<>(Map.of("c", communities));
        params.put("s", status == null ? null : status.name());
        return page(" where community_id in (:c)" + (status == null ? "" : " and status = :s"), params, page, size);
    }

    private Page<Hours> page(String where, Map<String, Object> params, int page, int size) {
        long total = jdbc.sql("select count(*) from hours" + where).params(params).query(Long.class).single();
        List<Hours> items = jdbc.sql("select * from hours" + where
                        + " order by served_on desc, id limit :size offset :offset")
                .params(params).param("size", size).param("offset", (long) page * size)
                .query(HoursStore::map).list();
        return Page.of(items, page, size, total);
    }

    private static Hours map(ResultSet rs, int i) throws SQLException {
        return new Hours(rs.getObject("id", UUID.class), rs.getObject("volunteer_id", UUID.class),
                rs.getObject("community_id", UUID.class), ShiftKind.valueOf(rs.getString("shift_kind")),
                rs.getObject("shift_id", UUID.class), rs.getBoolean("training"), rs.getString("specialty"),
                rs.getObject("campaign_id", UUID.class), HoursSource.valueOf(rs.getString("source")),
                Hours.Status.valueOf(rs.getString("status")),
                rs.getTimestamp("checked_in_at") == null ? null : rs.getTimestamp("checked_in_at").toInstant(),
                rs.getTimestamp("checked_out_at") == null ? null : rs.getTimestamp("checked_out_at").toInstant(),
                rs.getDate("served_on").toLocalDate(), rs.getInt("minutes"), rs.getBoolean("appealed"),
                rs.getString("submitted_by"), rs.getLong("version"));
    }
}
