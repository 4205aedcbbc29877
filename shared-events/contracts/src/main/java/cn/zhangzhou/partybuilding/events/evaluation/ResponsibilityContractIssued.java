package cn.zhangzhou.partybuilding.events.evaluation;

import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The level above drew up and signed a responsibility contract (责任状) with an organisation for a year (district → street committee → community organisation), listing the projects (and so the targets) it answers for; it waits for the organisation's countersignature. */
public record ResponsibilityContractIssued(
        UUID contractId,
        int year,
        UUID issuerId,
        UUID organisationId,
        UUID secretaryId,
        List<UUID> projectIds,
        int targets) implements DomainEvent {

    public ResponsibilityContractIssued {
        projectIds = projectIds == null ? List.of() : List.copyOf(projectIds);
    }

    @Override
    public String aggregateId() {
        return contractId.toString();
    }
}
