package cn.zhangzhou.partybuilding.events.membership;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** An organisation was added to the district's tree. {@code parentId} is null only for the district committee (区委). */
public record OrganisationCreated(
        UUID organisationId,
        String code,
        String name,
        OrganisationType type,
        UUID parentId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return organisationId.toString();
    }
}
