package cn.zhangzhou.partybuilding.wishes.wish;

import static cn.zhangzhou.partybuilding.wishes.wish.WishStore.instant;

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

import cn.zhangzhou.partybuilding.events.wishes.ClaimerKind;
import cn.zhangzhou.partybuilding.events.wishes.DeadlineKind;
import cn.zhangzhou.partybuilding.events.wishes.ReleaseReason;
import cn.zhangzhou.partybuilding.support.web.Page;

/** Claims (认领), the contact reveals and the reminders sent for them. */
@Repository
public class ClaimStore {

    /**
     * One claim as listed. {@code missedContactDeadline} / {@code missedFulfilmentDeadline}: the claim was
     * released because that deadline passed.
     */
    record ClaimSummary(UUID claimId, UUID wishId, UUID communityId, ClaimerKind claimerKind, UUID claimerId,
                        ClaimStatus status,
                        Instant claimedAt, Instant contactDeadline, Instant contactedAt,
                        Instant fulfilmentDeadline, Instant fulfilledAt, Instant confirmedAt,
                        Instant releasedAt, String releaseReason, boolean missedContactDeadline,
                        boolean missedFulfilmentDeadline) {
    }

    /** The next deadline of a standing claim: contact while the wish is CLAIMED, fulfilment once CONTACTED. */
    public record Deadline(UUID wishId, UUID claimId, DeadlineKind kind, Instant at) {
    }

    private static final String NEXT_DEADLINES = "select * from (select w.id wish_id, c.id claim_id, "
            + "case w.status when 'CLAIMED' then 'CONTACT' else 'FULFILMENT' end kind, "
            + "case w.status when 'CLAIMED' then c.contact_deadline else c.fulfilment_deadline end deadline "
            + "from wish w join claim c on c.id = w.current_claim_id where w.status in ('CLAIMED', 'CONTACTED')) d ";

    private final JdbcClient jdbc;

    ClaimStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Claim> find(UUID id) {
        if (id == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from claim where id = ?").param(id)
                .query((rs, i) -> new Claim(rs.getObject("id", UUID.class), rs.getObject("wish_id", UUID.class),
                        ClaimerKind.valueOf(rs.getString("claimer_kind")), rs.getObject("claimer_id", UUID.class),
                        rs.getString("claimer_district"), rs.getString("status"), instant(rs.getTimestamp("claimed_at")),
                        instant(rs.getTimestamp("contact_deadline")), instant(rs.getTimestamp("contacted_at")),
                        instant(rs.getTimestamp("fulfilment_deadline")), instant(rs.getTimestamp("fulfilled_at")),
                        rs.getString("fulfilment_note"), rs.getString("photo_ref"), rs.getString("missed_deadline"),
                        rs.getString("release_reason")))
                .optional();
    }

    void insert(Claim c) {
        jdbc.sql("insert into claim (id, wish_id, claimer_kind, claimer_id, claimer_district, status, claimed_at, "
                        + "contact_deadline) values (?, ?, ?, ?, ?, 'OPEN', ?, ?)")
                .params(c.id(), c.wishId(), c.claimerKind().name(), c.claimerId(), c.claimerDistrict(),
                        Timestamp.from(c.claimedAt()), Timestamp.from(c.contactDeadline()))
                .update();
    }

    /** Claims of the claimer not yet fulfilled: they count against the open-claims limit. */
    long openClaimsOf(UUID claimerId) {
        return jdbc.sql("select count(*) from claim where claimer_id = ? and status in ('OPEN', 'CONTACTED')")
                .param(claimerId).query(Long.class).single();
    }

    /** Serialises one claimer's claims, so two parallel claims cannot both pass the open-claims limit. */
    void lockClaimer(UUID claimerId) {
        jdbc.sql("select pg_advisory_xact_lock(?)")
                .param(claimerId.getMostSignificantBits() ^ claimerId.getLeastSignificantBits())
                .query((rs, i) -> 1).single();
    }

    void recordReveal(UUID wishId, UUID claimId, String revealedTo, Instant at) {
        jdbc.sql("insert into contact_reveal (wish_id, claim_id, revealed_to, at) values (?, ?, ?, ?)")
                .params(wishId, claimId, revealedTo, Timestamp.from(at)).update();
    }

    void markContacted(UUID claimId, Instant at, Instant fulfilmentDeadline) {
        jdbc.sql("update claim set status = 'CONTACTED', contacted_at = ?, fulfilment_deadline = ? where id = ?")
                .params(Timestamp.from(at), Timestamp.from(fulfilmentDeadline), claimId).update();
    }

    void markFulfilled(UUID claimId, Instant at, String note, String photoRef) {
        jdbc.sql("update claim set status = 'FULFILLED', fulfilled_at = ?, fulfilment_note = ?, photo_ref = ? "
                        + "where id = ?")
                .params(Timestamp.from(at), note, photoRef, claimId).update();
    }

    void markConfirmed(UUID claimId, Instant at) {
        jdbc.sql("update claim set status = 'CONFIRMED', confirmed_at = ? where id = ?")
                .params(Timestamp.from(at), claimId).update();
    }

    /** @param missed the deadline whose passing released it; null when the claimer gave up */
    void release(UUID claimId, Instant at, ReleaseReason reason, DeadlineKind missed) {
        jdbc.sql("update claim set status = 'RELEASED', released_at = ?, release_reason = ?, missed_deadline = ? "
                        + "where id = ?")
                .params(Timestamp.from(at), reason.name(), missed == null ? null : missed.name(), claimId).update();
    }

    void cancel(UUID claimId) {
        jdbc.sql("update claim set status = 'CANCELLED' where id = ?").param(claimId).update();
    }

    /** Standing claims whose next deadline passed before {@code now}. */
    public List<Deadline> missed(Instant now) {
        return nextDeadlines("where d.deadline < :now", now, now);
    }

    /** Standing claims whose next deadline is between {@code now} and {@code soon}, not yet reminded of it. */
    public List<Deadline> dueForReminder(Instant now, Instant soon) {
        return nextDeadlines("where d.deadline >= :now and d.deadline <= :soon and not exists (select 1 "
                + "from claim_reminder r where r.claim_id = d.claim_id and r.deadline_kind = d.kind)", now, soon);
    }

    private List<Deadline> nextDeadlines(String where, Instant now, Instant soon) {
        return jdbc.sql(NEXT_DEADLINES + where)
                .param("now", Timestamp.from(now)).param("soon", Timestamp.from(soon))
                .query((rs, i) -> new Deadline(rs.getObject("wish_id", UUID.class),
                        rs.getObject("claim_id", UUID.class), DeadlineKind.valueOf(rs.getString("kind")),
                        rs.getTimestamp("deadline").toInstant()))
                .list();
    }

    /** @return false if the claim was already reminded of that deadline */
    boolean recordReminder(UUID claimId, DeadlineKind kind, Instant at) {
        return jdbc.sql("insert into claim_reminder (claim_id, deadline_kind, sent_at) values (?, ?, ?) "
                        + "on conflict do nothing")
                .params(claimId, kind.name(), Timestamp.from(at)).update() == 1;
    }

    /**
     * The claims of a claimer, newest first.
     *
     * @param withGroups also the claims of the help groups (帮帮团) the member belongs to: the member acts on them
     * @param within     only claims on wishes of these communities (a subtree); null: all
     */
    Page<ClaimSummary> claimsOf(UUID claimer, boolean withGroups, ClaimStatus status, List<UUID> within, int page,
                                int size) {
        String from = " from claim c join wish w on w.id = c.wish_id"
                + " where" + (within == null ? "" : " w.community_id in (:within) and") + " (c.claimer_id = :claimer"
                + (withGroups ? " or (c.claimer_kind = 'GROUP' and c.claimer_id in "
                        + "(select group_id from help_group_member where member_id = :claimer))" : "")
                + ")" + (status == null ? "" : " and c.status = :status");
        Map<String, Object> params = new HashMap<>(Map.of("claimer", claimer, "size", size,
                "offset", (long) page * size));
        params.put("within", within);
        params.put("status", status == null ? null : status.name());
        long total = jdbc.sql("select count(*)" + from).params(params).query(Long.class).single();
        List<ClaimSummary> items = jdbc.sql("select c.*, w.community_id" + from
                        + " order by c.claimed_at desc, c.id limit :size offset :offset")
                .params(params).query(ClaimStore::summary).list();
        return Page.of(items, page, size, total);
    }

    private static ClaimSummary summary(ResultSet rs, int i) throws SQLException {
        String missed = rs.getString("missed_deadline");
        return new ClaimSummary(rs.getObject("id", UUID.class), rs.getObject("wish_id", UUID.class),
                rs.getObject("community_id", UUID.class), ClaimerKind.valueOf(rs.getString("claimer_kind")),
                rs.getObject("claimer_id", UUID.class), ClaimStatus.valueOf(rs.getString("status")),
                instant(rs.getTimestamp("claimed_at")), instant(rs.getTimestamp("contact_deadline")),
                instant(rs.getTimestamp("contacted_at")), instant(rs.getTimestamp("fulfilment_deadline")),
                instant(rs.getTimestamp("fulfilled_at")), instant(rs.getTimestamp("confirmed_at")),
                instant(rs.getTimestamp("released_at")), rs.getString("release_reason"),
                "CONTACT".equals(missed), "FULFILMENT".equals(missed));
    }
}
