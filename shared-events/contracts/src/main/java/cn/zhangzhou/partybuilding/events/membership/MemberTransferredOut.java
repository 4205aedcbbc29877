package cn.zhangzhou.partybuilding.events.membership;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The sending district closed the member's record after the receiving district accepted. */
public record MemberTransferredOut(
        UUID memberId,
        UUID transferId,
        String toDistrict,
        UUID toOrganisationId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return memberId.toString();
    }
}
