package cn.zhangzhou.partybuilding.events.membership;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** An organisation got a new name. */
public record OrganisationRenamed(
        UUID organisationId,
        String name) implements DomainEvent {

    @Override
    public String aggregateId() {
        return organisationId.toString();
    }
}
