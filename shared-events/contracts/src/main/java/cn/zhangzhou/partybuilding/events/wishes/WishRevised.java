package cn.zhangzhou.partybuilding.events.wishes;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A wish that was sent back was revised and waits for screening again. A snapshot of the revisable attributes. {@code gridId} may be null. */
public record WishRevised(
        UUID wishId,
        UUID communityId,
        UUID gridId,
        WishCategory category,
        int estimatedValueYuan) implements DomainEvent {

    @Override
    public String aggregateId() {
        return wishId.toString();
    }
}
