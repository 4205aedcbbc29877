package cn.zhangzhou.partybuilding.wishes.deadline;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.zhangzhou.partybuilding.events.wishes.DeadlineKind;
import cn.zhangzhou.partybuilding.events.wishes.ReleaseReason;
import cn.zhangzhou.partybuilding.events.wishes.WishExpired;
import cn.zhangzhou.partybuilding.events.wishes.WishReminderDue;
import cn.zhangzhou.partybuilding.events.wishes.WishReleased;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.wishes.wish.Transition;
import cn.zhangzhou.partybuilding.wishes.wish.Wish;
import cn.zhangzhou.partybuilding.wishes.wish.WishStatus;
import cn.zhangzhou.partybuilding.wishes.wish.WishStore;

/**
 * Releases claims whose deadline passed back to the menu with priority (释放, 优先认领): no contact by the
 * contact deadline, or no fulfilment by the fulfilment deadline. The miss is recorded on the claim. A day
 * before a deadline it reminds the claimer, once. Published wishes nobody claimed by the end of their round
 * (轮次) expire (到期未认领).
 */
@Component
public class DeadlineSweeper {

    private static final Logger log = LoggerFactory.getLogger(DeadlineSweeper.class);

    /** Reminders go out when a deadline is this close. */
    static final Duration REMIND_BEFORE = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final WishStore wishes;
    private final TransactionTemplate transaction;

    public DeadlineSweeper(JdbcClient jdbc, WishStore wishes, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.wishes = wishes;
        this.transaction = transaction;
    }

    /**
     * Runs every {@code zz.wishes.sweep-interval} (default a minute); tests call it directly.
     *
     * @return the number of claims released (expiries are counted by {@link #expire(Instant)})
     */
    @Scheduled(fixedDelayString = "${zz.wishes.sweep-interval:PT1M}",
            initialDelayString = "${zz.wishes.sweep-interval:PT1M}")
    public int sweep() {
        Instant now = wishes.now();
        remind(now);
        expire(now);
        record Overdue(UUID wishId, UUID claimId, ReleaseReason reason) {
        }
        List<Overdue> overdue = jdbc.sql("select w.id, c.id claim_id, w.status from wish w join claim c "
                        + "on c.id = w.current_claim_id where (w.status = 'CLAIMED' and c.contact_deadline < :now) "
                        + "or (w.status = 'CONTACTED' and c.fulfilment_deadline < :now)")
                .param("now", Timestamp.from(now))
                .query((rs, i) -> new Overdue(rs.getObject("id", UUID.class), rs.getObject("claim_id", UUID.class),
                        "CLAIMED".equals(rs.getString("status")) ? ReleaseReason.CONTACT_DEADLINE_MISSED
                                : ReleaseReason.FULFILMENT_DEADLINE_MISSED))
                .list();
        int released = 0;
        for (Overdue o : overdue) {
            try {
                transaction.executeWithoutResult(s -> release(o.wishId(), o.claimId(), o.reason()));
                released++;
            } catch (ConflictException e) {
                // The claimer acted (or staff cancelled) between the query and the release: nothing to release.
                log.debug("not releasing wish {}: {}", o.wishId(), e.getMessage());
            }
        }
        return released;
    }

    /**
     * Reminders (提醒): a standing claim whose next deadline is at most a day away gets one WishReminderDue per
     * deadline kind, ever; the claim_reminder key records it, so later sweeps skip it.
     *
     * @return the number of reminders sent
     */
    int remind(Instant now) {
        record Due(UUID wishId, UUID claimId, DeadlineKind kind, Instant deadline) {
        }
        List<Due> due = jdbc.sql("select * from (select w.id wish_id, c.id claim_id, "
                        + "case w.status when 'CLAIMED' then 'CONTACT' else 'FULFILMENT' end kind, "
                        + "case w.status when 'CLAIMED' then c.contact_deadline else c.fulfilment_deadline end deadline "
                        + "from wish w join claim c on c.id = w.current_claim_id "
                        + "where w.status in ('CLAIMED', 'CONTACTED')) d "
                        + "where d.deadline >= :now and d.deadline <= :soon and not exists (select 1 from claim_reminder r "
                        + "where r.claim_id = d.claim_id and r.deadline_kind = d.kind)")
                .param("now", Timestamp.from(now)).param("soon", Timestamp.from(now.plus(REMIND_BEFORE)))
                .query((rs, i) -> new Due(rs.getObject("wish_id", UUID.class), rs.getObject("claim_id", UUID.class),
                        DeadlineKind.valueOf(rs.getString("kind")), rs.getTimestamp("deadline").toInstant()))
                .list();
        int sent = 0;
        for (Due d : due) {
            try {
                Boolean done = transaction.execute(s -> remind(d.wishId(), d.claimId(), d.kind(), d.deadline(), now));
                sent += Boolean.TRUE.equals(done) ? 1 : 0;
            } catch (ConflictException e) {
                // The wish moved meanwhile; the reminder row rolled back with it and the next sweep decides again.
                log.debug("no reminder for wish {} now: {}", d.wishId(), e.getMessage());
            }
        }
        return sent;
    }

    private boolean remind(UUID wishId, UUID claimId, DeadlineKind kind, Instant deadline, Instant now) {
        Wish w = wishes.require(wishId);
        WishStatus expected = kind == DeadlineKind.CONTACT ? WishStatus.CLAIMED : WishStatus.CONTACTED;
        if (!claimId.equals(w.currentClaimId()) || w.status() != expected) {
            return false;
        }
        int inserted = jdbc.sql("insert into claim_reminder (claim_id, deadline_kind, sent_at) values (?, ?, ?) "
                        + "on conflict do nothing")
                .params(claimId, kind.name(), Timestamp.from(now)).update();
        if (inserted == 0) {
            return false;
        }
        wishes.touch(w, new WishReminderDue(wishId, w.communityId(), claimId, kind, deadline));
        return true;
    }

    /**
     * Published wishes whose round ended unclaimed become EXPIRED, with history and {@link WishExpired}. A claim
     * or withdrawal racing the sweep wins or loses by the conditional update; the loser changes nothing.
     *
     * @return the number of wishes expired
     */
    public int expire(Instant now) {
        List<UUID> due = jdbc.sql("select id from wish where status = 'PUBLISHED' and round_ends_at <= ? "
                        + "order by round_ends_at")
                .param(Timestamp.from(now)).query(UUID.class).list();
        int expired = 0;
        for (UUID id : due) {
            try {
                Boolean done = transaction.execute(s -> {
                    Wish w = wishes.require(id);
                    if (w.status() != WishStatus.PUBLISHED || w.roundEndsAt() == null || w.roundEndsAt().isAfter(now)) {
                        return false;
                    }
                    wishes.move(w, Transition.EXPIRE, null, null, Map.of(), "system",
                            "round " + w.round() + " ended " + w.roundEndsAt() + " unclaimed",
                            new WishExpired(id, w.communityId(), w.round()));
                    return true;
                });
                expired += Boolean.TRUE.equals(done) ? 1 : 0;
            } catch (ConflictException e) {
                log.debug("not expiring wish {}: {}", id, e.getMessage());
            }
        }
        return expired;
    }

    private void release(UUID wishId, UUID claimId, ReleaseReason reason) {
        Wish w = wishes.require(wishId);
        if (!claimId.equals(w.currentClaimId())) {
            throw new ConflictException("claim " + claimId + " no longer stands");
        }
        WishStatus expected = reason == ReleaseReason.CONTACT_DEADLINE_MISSED ? WishStatus.CLAIMED : WishStatus.CONTACTED;
        if (w.status() != expected) {
            throw new ConflictException("wish " + wishId + " moved on to " + w.status());
        }
        wishes.move(w, Transition.RELEASE, null, "current_claim_id = null, priority = true", Map.of(), "system",
                reason.name(), new WishReleased(wishId, w.communityId(), claimId, reason, true));
        jdbc.sql("update claim set status = 'RELEASED', released_at = ?, release_reason = ?, "
                        + "missed_deadline = ? where id = ?")
                .params(Timestamp.from(wishes.now()), reason.name(),
                        reason == ReleaseReason.CONTACT_DEADLINE_MISSED ? "CONTACT" : "FULFILMENT", claimId)
                .update();
    }
}
