package cn.zhangzhou.partybuilding.events.membership;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The community accepted a member report. */
public record MemberReportAccepted(
        UUID reportId,
        UUID memberId,
        String memberDistrict,
        UUID communityId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return reportId.toString();
    }
}
