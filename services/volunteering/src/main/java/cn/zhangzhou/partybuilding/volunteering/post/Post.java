package cn.zhangzhou.partybuilding.volunteering.post;

import java.time.Instant;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.volunteering.PostPublisher;
import cn.zhangzhou.partybuilding.events.volunteering.Requirement;
import cn.zhangzhou.partybuilding.events.volunteering.ScheduleKind;

/**
 * A service post (岗位) of a community, published by it or by a resident unit through it. {@code endsAt} is null for
 * an OPEN_ENDED post, {@code hoursBudget} set for a FLEXIBLE one only. {@code claimed}: the claims now held.
 */
public record Post(UUID id, UUID communityId, PostPublisher publisher, UUID unitId, String title, String description,
                   String place, String specialty, Requirement requirement, ScheduleKind schedule, Instant startsAt,
                   Instant endsAt, Integer hoursBudget, int capacity, UUID campaignId, Status status, long version,
                   Instant publishedAt, String closeReason, int claimed) {

    /** OPEN (claims taken while places are free) → CLOSED. */
    public enum Status {
        OPEN, CLOSED
    }

    /** A claim (认岗): ACTIVE until the member withdraws it or staff end it (WITHDRAWN). */
    public record Claim(UUID id, UUID postId, UUID volunteerId, String status, Instant claimedAt, Instant withdrawnAt,
                        String withdrawnBy) {
    }

    /** A claim as listed for a volunteer, with what and when the post is. */
    record ClaimedPost(UUID claimId, String status, Instant claimedAt, Instant withdrawnAt, UUID postId, String title,
                       UUID communityId, ScheduleKind schedule, Instant startsAt, Instant endsAt) {
    }
}
