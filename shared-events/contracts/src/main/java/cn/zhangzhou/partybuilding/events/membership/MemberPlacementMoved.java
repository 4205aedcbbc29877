package cn.zhangzhou.partybuilding.events.membership;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A placed member was moved to another party group of their community. */
public record MemberPlacementMoved(
        UUID memberId,
        String memberDistrict,
        UUID communityId,
        UUID fromPartyGroupId,
        UUID gridId,
        UUID partyGroupId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return memberId.toString();
    }
}
