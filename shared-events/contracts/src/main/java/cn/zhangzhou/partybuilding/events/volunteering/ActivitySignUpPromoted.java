package cn.zhangzhou.partybuilding.events.volunteering;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A place freed up and the first sign-up on the waiting list now holds it. */
public record ActivitySignUpPromoted(
        UUID activityId,
        UUID communityId,
        UUID signUpId,
        UUID volunteerId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return activityId.toString();
    }
}
