package cn.zhangzhou.partybuilding.events.membership;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A member living in a community was placed in a party group (党小组) of one of its grids (网格). */
public record MemberPlaced(
        UUID memberId,
        String memberDistrict,
        UUID communityId,
        UUID gridId,
        UUID partyGroupId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return memberId.toString();
    }
}
