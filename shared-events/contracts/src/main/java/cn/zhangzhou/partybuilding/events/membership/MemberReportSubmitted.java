package cn.zhangzhou.partybuilding.events.membership;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** An in-service member reported to the community where they live (双报到, member report); their home organisation may be in another district. */
public record MemberReportSubmitted(
        UUID reportId,
        UUID memberId,
        String memberDistrict,
        UUID homeOrganisationId,
        UUID communityId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return reportId.toString();
    }
}
