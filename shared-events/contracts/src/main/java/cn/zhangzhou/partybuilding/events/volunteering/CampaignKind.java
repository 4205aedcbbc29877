package cn.zhangzhou.partybuilding.events.volunteering;

/** A kind of campaign. */
public enum CampaignKind {
    /** 党建联动月: the party-building linkage month. */
    LINKAGE_MONTH,
    /** 党员微服务: member micro-services. */
    MICRO_SERVICE,
    /** Any other campaign. */
    OTHER
}
