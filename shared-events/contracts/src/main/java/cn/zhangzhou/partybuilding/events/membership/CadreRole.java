package cn.zhangzhou.partybuilding.events.membership;

/** A member's role in the community's two committees ("两委"), if any. */
public enum CadreRole {
    /** 主干: head. */
    HEAD,
    /** 副职: deputy. */
    DEPUTY,
    /** 一般委员: member of a committee. */
    MEMBER
}
