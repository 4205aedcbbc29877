package cn.zhangzhou.partybuilding.events.volunteering;

/** What an activity is. */
public enum ActivityKind {
    /** A service activity: its hours are service hours. */
    SERVICE,
    /** A training (培训): attendance and hours are counted apart from service hours. */
    TRAINING
}
