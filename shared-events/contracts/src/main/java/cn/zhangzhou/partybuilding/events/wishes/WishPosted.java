package cn.zhangzhou.partybuilding.events.wishes;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A wish was posted (发布微心愿) for a resident in difficulty and waits for the community's screening. Carries no name, phone or address of the beneficiary. {@code gridId} may be null. */
public record WishPosted(
        UUID wishId,
        UUID communityId,
        UUID gridId,
        WishCategory category,
        int estimatedValueYuan,
        PostedBy postedBy,
        UUID beneficiaryId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return wishId.toString();
    }
}
