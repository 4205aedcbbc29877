package cn.zhangzhou.partybuilding.events.volunteering;

/** Where a sign-up stands. */
public enum SignUpStatus {
    /** A place is held. */
    CONFIRMED,
    /** On the waiting list, promoted in arrival order when a place frees up. */
    WAITING
}
