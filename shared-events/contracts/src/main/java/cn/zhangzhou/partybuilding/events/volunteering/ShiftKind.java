package cn.zhangzhou.partybuilding.events.volunteering;

/** What a shift (check-in and check-out, hours) belongs to. */
public enum ShiftKind {
    /** A service post (岗位); shiftId is the post id. */
    POST,
    /** An activity or training; shiftId is the activity id. */
    ACTIVITY
}
