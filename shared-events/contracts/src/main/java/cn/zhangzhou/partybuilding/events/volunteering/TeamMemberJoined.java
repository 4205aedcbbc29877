package cn.zhangzhou.partybuilding.events.volunteering;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A volunteer joined a team: at once (open team, or added by its lead or staff) or after approval. */
public record TeamMemberJoined(
        UUID teamId,
        UUID volunteerId,
        boolean approved) implements DomainEvent {

    @Override
    public String aggregateId() {
        return teamId.toString();
    }
}
