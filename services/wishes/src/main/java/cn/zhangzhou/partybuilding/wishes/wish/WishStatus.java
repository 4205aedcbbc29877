package cn.zhangzhou.partybuilding.wishes.wish;

/** Where a wish stands in its lifecycle. */
enum WishStatus {
    /** 待审核: posted, waiting for the community's screening. */
    POSTED,
    /** 退回修改: sent back for revision. */
    SENT_BACK,
    /** 审核不通过: closed. */
    REJECTED,
    /** 已发布: on the needs menu (需求菜单), claimable. */
    PUBLISHED,
    /** 已认领: a claim stands, the claimer is to contact the beneficiary. */
    CLAIMED,
    /** 已联系. */
    CONTACTED,
    /** 已兑现: waiting for confirmation. */
    FULFILLED,
    /** 已确认: closed. */
    CONFIRMED,
    /** 已撤回: closed. */
    WITHDRAWN,
    /** 已取消: closed. */
    CANCELLED,
    /** 到期未认领: closed. */
    EXPIRED
}
