package cn.zhangzhou.partybuilding.wishes.wish;

/** Where a claim (认领) stands: OPEN → CONTACTED → FULFILLED → CONFIRMED, or RELEASED or CANCELLED. */
enum ClaimStatus {
    OPEN, CONTACTED, FULFILLED, CONFIRMED, RELEASED, CANCELLED
}
