package cn.zhangzhou.partybuilding.events.membership;

/** The kinds of party organisation in a district's tree (docs/domain.md, "The organisation tree"). */
public enum OrganisationType {
    /** 区(县)委: the root of a district deployment. */
    DISTRICT_COMMITTEE,
    /** 街道党工委 / 镇党委: leads the communities of a street or town. */
    STREET_COMMITTEE,
    /** 社区党组织 (党委/党总支/党支部). */
    COMMUNITY,
    /** 党建网格: a party-building grid inside a community. */
    GRID,
    /** 党小组: a party group inside a grid. */
    PARTY_GROUP,
    /** 驻区单位党组织: the organisation of a government unit, enterprise or school located in a community. */
    RESIDENT_UNIT,
    /** 非公企业/社会组织党组织: incubated by a community or street. */
    NON_PUBLIC
}
