package cn.zhangzhou.partybuilding.events.volunteering;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A volunteer asked to join a team that needs its lead's approval. */
public record TeamJoinRequested(
        UUID teamId,
        UUID volunteerId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return teamId.toString();
    }
}
