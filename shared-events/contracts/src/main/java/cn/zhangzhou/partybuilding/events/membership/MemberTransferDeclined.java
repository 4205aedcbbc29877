package cn.zhangzhou.partybuilding.events.membership;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The receiving district declined an incoming transfer; the member stays where they were. */
public record MemberTransferDeclined(
        UUID transferId,
        UUID memberId,
        String fromDistrict,
        String reason) implements DomainEvent {

    @Override
    public String aggregateId() {
        return transferId.toString();
    }
}
