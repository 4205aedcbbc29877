package cn.zhangzhou.partybuilding.events.volunteering;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A claim on the post ended: the member withdrew it or staff removed it. */
public record PostClaimWithdrawn(
        UUID postId,
        UUID communityId,
        UUID claimId,
        UUID volunteerId,
        boolean byStaff) implements DomainEvent {

    @Override
    public String aggregateId() {
        return postId.toString();
    }
}
