package cn.zhangzhou.partybuilding.wishes.deadline;

import java.sql.Timestamp;
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

import cn.zhangzhou.partybuilding.events.wishes.ReleaseReason;
import cn.zhangzhou.partybuilding.events.wishes.WishReleased;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.wishes.wish.Transition;
import cn.zhangzhou.partybuilding.wishes.wish.Wish;
import cn.zhangzhou.partybuilding.wishes.wish.WishStatus;
import cn.zhangzhou.partybuilding.wishes.wish.WishStore;

/**
 * Releases claims whose deadline passed back to the menu with priority (释放, 优先认领): no contact by the
 * contact deadline, or no fulfilment by the fulfilment deadline. The miss is recorded on the claim.
 */
@Component
public class DeadlineSweeper {

    private static final Logger log = LoggerFactory.getLogger(DeadlineSweeper.class);

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
     * @return the number of claims released
     */
    @Scheduled(fixedDelayString = "${zz.wishes.sweep-interval:PT1M}",
            initialDelayString = "${zz.wishes.sweep-interval:PT1M}")
    public int sweep() {
        Instant now = wishes.now();
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
