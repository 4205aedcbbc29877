package cn.zhangzhou.partybuilding.events.volunteering;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A member claimed the post (党员认岗). */
public record PostClaimed(
        UUID postId,
        UUID communityId,
        UUID claimId,
        UUID volunteerId,
        String volunteerDistrict) implements DomainEvent {

    @Override
    public String aggregateId() {
        return postId.toString();
    }
}
