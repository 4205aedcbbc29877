package cn.zhangzhou.partybuilding.wishes.wish;

import java.util.EnumSet;
import java.util.Set;

import cn.zhangzhou.partybuilding.support.error.ConflictException;

/** Every move a wish can make, from which states, to which state. Anything else is refused (409). */
enum Transition {
    PUBLISH(WishStatus.PUBLISHED, WishStatus.POSTED),
    SEND_BACK(WishStatus.SENT_BACK, WishStatus.POSTED),
    REJECT(WishStatus.REJECTED, WishStatus.POSTED),
    REVISE(WishStatus.POSTED, WishStatus.SENT_BACK),
    CLAIM(WishStatus.CLAIMED, WishStatus.PUBLISHED),
    CONTACT(WishStatus.CONTACTED, WishStatus.CLAIMED),
    /** Back to the menu with priority (释放). */
    RELEASE(WishStatus.PUBLISHED, WishStatus.CLAIMED, WishStatus.CONTACTED),
    FULFIL(WishStatus.FULFILLED, WishStatus.CONTACTED),
    CONFIRM(WishStatus.CONFIRMED, WishStatus.FULFILLED),
    WITHDRAW(WishStatus.WITHDRAWN, WishStatus.POSTED, WishStatus.SENT_BACK, WishStatus.PUBLISHED),
    CANCEL(WishStatus.CANCELLED, WishStatus.PUBLISHED, WishStatus.CLAIMED, WishStatus.CONTACTED),
    /** Unclaimed when its round ended (到期未认领). */
    EXPIRE(WishStatus.EXPIRED, WishStatus.PUBLISHED);

    private final WishStatus to;
    private final Set<WishStatus> from;

    Transition(WishStatus to, WishStatus first, WishStatus... more) {
        this.to = to;
        this.from = EnumSet.of(first, more);
    }

    WishStatus to() {
        return to;
    }

    /** @throws ConflictException naming the current state and the refused transition */
    void check(Object wishId, WishStatus current) {
        if (!from.contains(current)) {
            throw new ConflictException("wish " + wishId + " is " + current + "; " + name() + " is not allowed from "
                    + current + " (only from " + from + ")");
        }
    }
}
