package cn.zhangzhou.partybuilding.events.volunteering;

/** How volunteers join a team. */
public enum JoinPolicy {
    /** Joining takes effect at once. */
    OPEN,
    /** The lead (or staff) approves each request to join. */
    APPROVAL
}
