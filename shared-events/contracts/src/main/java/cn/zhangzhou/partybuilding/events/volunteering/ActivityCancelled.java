package cn.zhangzhou.partybuilding.events.volunteering;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The community cancelled the activity; its sign-ups end with it. */
public record ActivityCancelled(
        UUID activityId,
        UUID communityId,
        String reason) implements DomainEvent {

    @Override
    public String aggregateId() {
        return activityId.toString();
    }
}
