package cn.zhangzhou.partybuilding.events.volunteering;

import java.time.Instant;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A community scheduled an activity or a training with a capacity and a cancellation deadline. {@code specialty}, {@code campaignId} may be null. */
public record ActivityScheduled(
        UUID activityId,
        UUID communityId,
        ActivityKind kind,
        String title,
        String specialty,
        Instant startsAt,
        Instant endsAt,
        int capacity,
        Instant cancellationDeadline,
        UUID campaignId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return activityId.toString();
    }
}
