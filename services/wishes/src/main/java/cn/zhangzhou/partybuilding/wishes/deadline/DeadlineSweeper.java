package cn.zhangzhou.partybuilding.wishes.deadline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.wishes.wish.ClaimService;
import cn.zhangzhou.partybuilding.wishes.wish.ClaimStore;
import cn.zhangzhou.partybuilding.wishes.wish.WishService;
import cn.zhangzhou.partybuilding.wishes.wish.WishStore;

/**
 * Releases claims whose deadline passed back to the menu with priority (释放, 优先认领): no contact by the
 * contact deadline, or no fulfilment by the fulfilment deadline. The miss is recorded on the claim. A day
 * before a deadline it reminds the claimer, once. Published wishes nobody claimed by the end of their round
 * (轮次) expire (到期未认领). Each release, reminder and expiry is a transaction of its own.
 */
@Component
public class DeadlineSweeper {

    private static final Logger log = LoggerFactory.getLogger(DeadlineSweeper.class);

    /** Reminders go out when a deadline is this close. */
    static final Duration REMIND_BEFORE = Duration.ofDays(1);

    private final ClaimStore claimStore;
    private final WishStore wishStore;
    private final ClaimService claims;
    private final WishService wishes;
    private final Clock clock;

    DeadlineSweeper(ClaimStore claimStore, WishStore wishStore, ClaimService claims, WishService wishes, Clock clock) {
        this.claimStore = claimStore;
        this.wishStore = wishStore;
        this.claims = claims;
        this.wishes = wishes;
        this.clock = clock;
    }

    /**
     * Runs every {@code zz.wishes.sweep-interval} (default a minute); tests call it directly.
     *
     * @return the number of claims released (expiries are counted by {@link #expire(Instant)})
     */
    @Scheduled(fixedDelayString = "${zz.wishes.sweep-interval:PT1M}",
            initialDelayString = "${zz.wishes.sweep-interval:PT1M}")
    public int sweep() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // Reminders (提醒): one per claim and deadline kind, ever, when the deadline is at most a day away.
        each(claimStore.dueForReminder(now, now.plus(REMIND_BEFORE)), due -> claims.remind(due, now));
        expire(now);
        return each(claimStore.missed(now), claims::release);
    }

    /** @return the number of published wishes expired because their round ended by {@code now} */
    public int expire(Instant now) {
        return each(wishStore.roundEnded(now), id -> wishes.expire(id, now));
    }

    /** @return for how many of {@code due} the action happened */
    private static <T> int each(List<T> due, Predicate<T> action) {
        int done = 0;
        for (T d : due) {
            try {
                done += action.test(d) ? 1 : 0;
            } catch (ConflictException e) {
                // The claimer or staff moved the wish between the query and now: nothing to do until the next sweep.
                log.debug("nothing done for {}: {}", d, e.getMessage());
            }
        }
        return done;
    }
}
