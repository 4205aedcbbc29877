package cn.zhangzhou.partybuilding.events.membership;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The member (or staff for them) withdrew a member report. */
public record MemberReportWithdrawn(
        UUID reportId,
        UUID memberId,
        String memberDistrict,
        UUID communityId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return reportId.toString();
    }
}
