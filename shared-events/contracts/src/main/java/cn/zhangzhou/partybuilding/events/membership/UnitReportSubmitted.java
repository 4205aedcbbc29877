package cn.zhangzhou.partybuilding.events.membership;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A resident unit's organisation (驻区单位党组织) reported to a community organisation (双报到, unit report). */
public record UnitReportSubmitted(
        UUID reportId,
        UUID unitOrganisationId,
        UUID communityId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return reportId.toString();
    }
}
