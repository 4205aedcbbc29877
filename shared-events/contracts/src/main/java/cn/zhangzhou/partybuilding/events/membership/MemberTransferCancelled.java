package cn.zhangzhou.partybuilding.events.membership;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The sending district withdrew a pending transfer, or closed it after the receiving district declined. */
public record MemberTransferCancelled(
        UUID memberId,
        UUID transferId,
        String toDistrict,
        String reason) implements DomainEvent {

    @Override
    public String aggregateId() {
        return memberId.toString();
    }
}
