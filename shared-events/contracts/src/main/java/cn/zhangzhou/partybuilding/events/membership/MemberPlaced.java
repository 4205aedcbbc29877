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

    /**
     * The placement is an aggregate of its own (one per member, with its own version), so its subject must
     * differ from the member's: sharing it would make consumers drop one of the two as stale.
     */
    @Override
    public String aggregateId() {
        return placementSubject(memberId);
    }

    /** The subject (and Kafka key) of a member's placement: {@code placement:<memberId>}. */
    public static String placementSubject(UUID memberId) {
        return "placement:" + memberId;
    }
}
