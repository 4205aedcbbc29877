package cn.zhangzhou.partybuilding.events.volunteering;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A volunteer signed up to an activity: a place is held, or they are on the waiting list at the given position. {@code waitingPosition} may be null. */
public record ActivitySignedUp(
        UUID activityId,
        UUID communityId,
        UUID signUpId,
        UUID volunteerId,
        SignUpStatus status,
        Integer waitingPosition) implements DomainEvent {

    @Override
    public String aggregateId() {
        return activityId.toString();
    }
}
