package cn.zhangzhou.partybuilding.events.membership;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The community declined a member report, with a reason. */
public record MemberReportDeclined(
        UUID reportId,
        UUID memberId,
        String memberDistrict,
        UUID communityId,
        String reason) implements DomainEvent {

    @Override
    public String aggregateId() {
        return reportId.toString();
    }
}
