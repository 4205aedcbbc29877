package cn.zhangzhou.partybuilding.events.volunteering;

/** Where a volunteer team (志愿服务队) is formed. */
public enum TeamBase {
    /** A community (社区). */
    COMMUNITY,
    /** A street (街道) or town (镇). */
    STREET,
    /** A brand project (一社区一品牌) of a community or street. */
    BRAND_PROJECT
}
