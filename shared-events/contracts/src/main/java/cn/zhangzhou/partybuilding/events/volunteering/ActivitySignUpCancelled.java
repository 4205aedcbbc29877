package cn.zhangzhou.partybuilding.events.volunteering;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A sign-up was cancelled before the cancellation deadline, by the volunteer or staff. */
public record ActivitySignUpCancelled(
        UUID activityId,
        UUID communityId,
        UUID signUpId,
        UUID volunteerId,
        SignUpStatus previousStatus) implements DomainEvent {

    @Override
    public String aggregateId() {
        return activityId.toString();
    }
}
