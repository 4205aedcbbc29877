package cn.zhangzhou.partybuilding.events.wishes;

import java.util.List;

import cn.zhangzhou.partybuilding.events.EventType;

/**
 * The event types the wishes service (微心愿) publishes on {@code <district>.wishes.events}. One aggregate:
 * the wish, whose claim state is part of it, so every event's subject is the wish id.
 */
public final class WishesEvents {

    public static final String SERVICE = "wishes";

    public static final EventType<WishPosted> WISH_POSTED =
            new EventType<>(SERVICE, "WishPosted", 1, WishPosted.class);
    public static final EventType<WishRevised> WISH_REVISED =
            new EventType<>(SERVICE, "WishRevised", 1, WishRevised.class);
    public static final EventType<WishSentBack> WISH_SENT_BACK =
            new EventType<>(SERVICE, "WishSentBack", 1, WishSentBack.class);
    public static final EventType<WishRejected> WISH_REJECTED =
            new EventType<>(SERVICE, "WishRejected", 1, WishRejected.class);
    public static final EventType<WishPublished> WISH_PUBLISHED =
            new EventType<>(SERVICE, "WishPublished", 1, WishPublished.class);
    public static final EventType<WishClaimed> WISH_CLAIMED =
            new EventType<>(SERVICE, "WishClaimed", 1, WishClaimed.class);
    public static final EventType<WishContactRevealed> WISH_CONTACT_REVEALED =
            new EventType<>(SERVICE, "WishContactRevealed", 1, WishContactRevealed.class);
    public static final EventType<WishContacted> WISH_CONTACTED =
            new EventType<>(SERVICE, "WishContacted", 1, WishContacted.class);
    public static final EventType<WishReminderDue> WISH_REMINDER_DUE =
            new EventType<>(SERVICE, "WishReminderDue", 1, WishReminderDue.class);
    public static final EventType<WishReleased> WISH_RELEASED =
            new EventType<>(SERVICE, "WishReleased", 1, WishReleased.class);
    public static final EventType<WishFulfilled> WISH_FULFILLED =
            new EventType<>(SERVICE, "WishFulfilled", 1, WishFulfilled.class);
    public static final EventType<WishConfirmed> WISH_CONFIRMED =
            new EventType<>(SERVICE, "WishConfirmed", 1, WishConfirmed.class);
    public static final EventType<WishWithdrawn> WISH_WITHDRAWN =
            new EventType<>(SERVICE, "WishWithdrawn", 1, WishWithdrawn.class);
    public static final EventType<WishCancelled> WISH_CANCELLED =
            new EventType<>(SERVICE, "WishCancelled", 1, WishCancelled.class);
    public static final EventType<WishExpired> WISH_EXPIRED =
            new EventType<>(SERVICE, "WishExpired", 1, WishExpired.class);

    public static final List<EventType<?>> ALL = List.of(
            WISH_POSTED,
            WISH_REVISED,
            WISH_SENT_BACK,
            WISH_REJECTED,
            WISH_PUBLISHED,
            WISH_CLAIMED,
            WISH_CONTACT_REVEALED,
            WISH_CONTACTED,
            WISH_REMINDER_DUE,
            WISH_RELEASED,
            WISH_FULFILLED,
            WISH_CONFIRMED,
            WISH_WITHDRAWN,
            WISH_CANCELLED,
            WISH_EXPIRED);

    private WishesEvents() {
    }
}
