package cn.zhangzhou.partybuilding.events.membership;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The community accepted a unit report and issued a receipt. */
public record UnitReportAccepted(
        UUID reportId,
        UUID unitOrganisationId,
        UUID communityId,
        String receiptNumber) implements DomainEvent {

    @Override
    public String aggregateId() {
        return reportId.toString();
    }
}
