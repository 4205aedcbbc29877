package cn.zhangzhou.partybuilding.events.volunteering;

/** When a post is served. */
public enum ScheduleKind {
    /** A fixed shift from startsAt to endsAt. */
    FIXED,
    /** A flexible window from startsAt to endsAt with an hours budget per claimer (e.g. 15 hours in December). */
    FLEXIBLE,
    /** From startsAt on, without an end. */
    OPEN_ENDED
}
