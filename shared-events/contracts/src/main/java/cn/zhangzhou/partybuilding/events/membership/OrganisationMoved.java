package cn.zhangzhou.partybuilding.events.membership;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** An organisation was moved under another parent. */
public record OrganisationMoved(
        UUID organisationId,
        UUID fromParentId,
        UUID toParentId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return organisationId.toString();
    }
}
