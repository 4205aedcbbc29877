package cn.zhangzhou.partybuilding.events.membership;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The receiving district accepted an incoming transfer; the member is now held there (it also publishes MemberRegistered). */
public record MemberTransferAccepted(
        UUID transferId,
        UUID memberId,
        String fromDistrict,
        UUID toOrganisationId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return transferId.toString();
    }
}
