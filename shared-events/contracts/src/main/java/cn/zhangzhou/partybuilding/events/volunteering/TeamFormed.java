package cn.zhangzhou.partybuilding.events.volunteering;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A volunteer team (志愿服务队) was formed by activity content and place, with its lead. {@code brandProjectId} may be null. */
public record TeamFormed(
        UUID teamId,
        String name,
        TeamBase base,
        UUID organisationId,
        UUID brandProjectId,
        UUID leadVolunteerId,
        JoinPolicy joinPolicy) implements DomainEvent {

    @Override
    public String aggregateId() {
        return teamId.toString();
    }
}
