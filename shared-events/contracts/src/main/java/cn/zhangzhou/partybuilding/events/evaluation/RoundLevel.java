package cn.zhangzhou.partybuilding.events.evaluation;

/** Who a round (多向度考评) evaluates. */
public enum RoundLevel {
    /** the street committees (街道党工委) of the district. */
    STREET,
    /** the community organisations (社区党组织) of the district. */
    COMMUNITY
}
