package cn.zhangzhou.partybuilding.events.membership;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The membership relationship (组织关系转接) moved to another organisation of the same district. */
public record MemberTransferredWithinDistrict(
        UUID memberId,
        UUID transferId,
        UUID fromOrganisationId,
        UUID toOrganisationId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return memberId.toString();
    }
}
