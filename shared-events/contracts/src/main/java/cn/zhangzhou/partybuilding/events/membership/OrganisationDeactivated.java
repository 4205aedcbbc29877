package cn.zhangzhou.partybuilding.events.membership;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** An organisation without members or active children was deactivated. */
public record OrganisationDeactivated(
        UUID organisationId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return organisationId.toString();
    }
}
