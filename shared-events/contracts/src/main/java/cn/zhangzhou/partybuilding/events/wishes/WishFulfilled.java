package cn.zhangzhou.partybuilding.events.wishes;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The claimer reported the wish fulfilled (已兑现); it waits for confirmation. */
public record WishFulfilled(
        UUID wishId,
        UUID communityId,
        UUID claimId,
        boolean hasPhoto) implements DomainEvent {

    @Override
    public String aggregateId() {
        return wishId.toString();
    }
}
