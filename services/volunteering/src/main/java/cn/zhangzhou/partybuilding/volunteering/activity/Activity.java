package cn.zhangzhou.partybuilding.volunteering.activity;

import java.time.Instant;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.volunteering.ActivityKind;

/**
 * An activity or a training (培训) of a community, with a capacity and a cancellation deadline. {@code confirmed}
 * and {@code waiting}: the sign-ups now holding a place and on the waiting list.
 */
public record Activity(UUID id, UUID communityId, ActivityKind kind, String title, String description, String place,
                       String specialty, Instant startsAt, Instant endsAt, int capacity, Instant cancellationDeadline,
                       UUID campaignId, Status status, long version, Instant scheduledAt, String cancelReason,
                       int confirmed, int waiting) {

    /** SCHEDULED → CANCELLED. */
    public enum Status {
        SCHEDULED, CANCELLED
    }

    /**
     * A sign-up: CONFIRMED (a place held) or WAITING (at {@code waitingPosition}, 1 = next to be promoted), until
     * CANCELLED.
     */
    record SignUp(UUID id, UUID activityId, UUID volunteerId, String status, Integer waitingPosition,
                  Instant signedUpAt, Instant confirmedAt, Instant cancelledAt) {
    }

    /** A sign-up as listed for a volunteer, with what and when the activity is. */
    record SignedUpActivity(UUID signUpId, String status, Integer waitingPosition, Instant signedUpAt, UUID activityId,
                            String title, UUID communityId, ActivityKind kind, Instant startsAt, Instant endsAt) {
    }
}
