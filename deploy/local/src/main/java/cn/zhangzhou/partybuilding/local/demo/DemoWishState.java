package cn.zhangzhou.partybuilding.local.demo;

/** How far the loader takes a demo wish, in lifecycle order (each state includes the moves before it). */
public enum DemoWishState {
    /** 待审核: posted, waiting for the community's screening. */
    POSTED,
    /** On the needs menu (需求菜单). */
    PUBLISHED,
    /** 已认领: a member claimed it. */
    CLAIMED,
    /** The claimer viewed the contact data and recorded the first contact. */
    CONTACTED,
    /** 已兑现: the claimer reported fulfilment. */
    FULFILLED,
    /** Closed: the community recorded the beneficiary's confirmation. */
    CONFIRMED
}
