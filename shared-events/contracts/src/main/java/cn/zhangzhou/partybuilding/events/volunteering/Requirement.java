package cn.zhangzhou.partybuilding.events.volunteering;

/** What a post asks of its claimers. */
public enum Requirement {
    /** Anyone who may act in the community. */
    NONE,
    /** The post's specialty registered (分类登记). */
    SPECIALTY,
    /** The post's specialty with a verified qualification valid on the day of the claim. */
    QUALIFICATION
}
