package cn.zhangzhou.partybuilding.events.wishes;

/** Who claimed (认领) a wish. */
public enum ClaimerKind {
    /** A party member (党员) known from membership events. */
    MEMBER,
    /** A help group (帮帮团): a lead member and members. */
    GROUP,
    /** A resident unit (驻区单位) whose unit report to the community was accepted. */
    UNIT
}
