package cn.zhangzhou.partybuilding.wishes.wish;

import java.time.Instant;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.wishes.ClaimerKind;

/**
 * A claim (认领) of a wish. status: OPEN → CONTACTED → FULFILLED → CONFIRMED, or RELEASED (with the
 * missed deadline) or CANCELLED. releaseReason: why it was released (a missed deadline, or the claimer gave up).
 */
record Claim(UUID id, UUID wishId, ClaimerKind claimerKind, UUID claimerId, String claimerDistrict,
                    String status, Instant claimedAt, Instant contactDeadline, Instant contactedAt,
                    Instant fulfilmentDeadline, Instant fulfilledAt, String fulfilmentNote, String photoRef,
                    String missedDeadline, String releaseReason) {
}
