package cn.zhangzhou.partybuilding.events.volunteering;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The lead or staff declined a request to join, with a reason. */
public record TeamJoinDeclined(
        UUID teamId,
        UUID volunteerId,
        String reason) implements DomainEvent {

    @Override
    public String aggregateId() {
        return teamId.toString();
    }
}
