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

    /**
     * The placement is an aggregate of its own (one per member, with its own version), so its subject must
     * differ from the member's: sharing it would make consumers drop one of the two as stale.
     */
    @Override
    public String aggregateId() {
        return MemberPlaced.placementSubject(memberId);
    }
}
