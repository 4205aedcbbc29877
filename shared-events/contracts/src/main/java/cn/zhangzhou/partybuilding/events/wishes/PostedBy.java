package cn.zhangzhou.partybuilding.events.wishes;

/** Who put a wish on the menu. */
public enum PostedBy {
    /** The resident in difficulty themselves (困难群众本人). */
    RESIDENT,
    /** A grid worker (网格员) on the resident's behalf. */
    GRID_WORKER,
    /** Community staff (社区工作人员) on the resident's behalf. */
    STAFF
}
