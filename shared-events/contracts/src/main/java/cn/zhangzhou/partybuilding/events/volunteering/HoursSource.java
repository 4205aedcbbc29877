package cn.zhangzhou.partybuilding.events.volunteering;

/** How hours were verified. */
public enum HoursSource {
    /** Check-in and check-out with the shift's rotating code. */
    CHECK_IN,
    /** A claim without check-in, approved by staff with a reason. */
    CLAIM
}
