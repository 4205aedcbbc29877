package cn.zhangzhou.partybuilding.events.volunteering;

import java.time.Instant;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A community, or a resident unit through it, published a service post (岗位) for members to claim (党员认岗). {@code unitId}, {@code specialty}, {@code endsAt}, {@code hoursBudget}, {@code campaignId} may be null. */
public record PostPublished(
        UUID postId,
        UUID communityId,
        PostPublisher publisher,
        UUID unitId,
        String title,
        String specialty,
        Requirement requirement,
        ScheduleKind schedule,
        Instant startsAt,
        Instant endsAt,
        Integer hoursBudget,
        int capacity,
        UUID campaignId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return postId.toString();
    }
}
