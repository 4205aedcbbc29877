package cn.zhangzhou.partybuilding.events.membership;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The community declined a unit report, with a reason. */
public record UnitReportDeclined(
        UUID reportId,
        UUID unitOrganisationId,
        UUID communityId,
        String reason) implements DomainEvent {

    @Override
    public String aggregateId() {
        return reportId.toString();
    }
}
