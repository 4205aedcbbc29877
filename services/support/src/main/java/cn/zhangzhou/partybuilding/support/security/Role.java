package cn.zhangzhou.partybuilding.support.security;

/** The roles of the platform, as carried in the token's {@code roles} claim. */
public enum Role {
    /** 市级管理员: sees and manages all districts. */
    CITY_ADMIN,
    /** 区级管理员: one district. */
    DISTRICT_ADMIN,
    /** 街道工作人员: one street (the {@code org} claim) in one district. */
    STREET_STAFF,
    /** 社区工作人员: one community (the {@code org} claim) in one district. */
    COMMUNITY_STAFF,
    /** 党员: one member (the {@code member} claim) in one district. */
    MEMBER,
    /** A district's own system (machine client) integrating with the platform. */
    DISTRICT_SYSTEM;

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
