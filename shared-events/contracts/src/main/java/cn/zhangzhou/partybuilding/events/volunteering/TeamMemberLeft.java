package cn.zhangzhou.partybuilding.events.volunteering;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A volunteer left a team, or its lead or staff removed them. */
public record TeamMemberLeft(
        UUID teamId,
        UUID volunteerId,
        boolean removed) implements DomainEvent {

    @Override
    public String aggregateId() {
        return teamId.toString();
    }
}
