package cn.zhangzhou.partybuilding.events.volunteering;

/** Who publishes a service post (岗位). */
public enum PostPublisher {
    /** The community (社区), by its staff. */
    COMMUNITY,
    /** A resident unit (驻区单位) whose unit report to the community was accepted, through the community's staff. */
    UNIT
}
