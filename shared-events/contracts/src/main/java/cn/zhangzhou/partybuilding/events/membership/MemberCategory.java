package cn.zhangzhou.partybuilding.events.membership;

/** A member's category. */
public enum MemberCategory {
    /** 在职: in service, working in a unit. */
    IN_SERVICE,
    /** 退休: retired. */
    RETIRED,
    /** 流动: mobile, living away from their home organisation. */
    MOBILE,
    /** Students, unemployed and others. */
    OTHER
}
