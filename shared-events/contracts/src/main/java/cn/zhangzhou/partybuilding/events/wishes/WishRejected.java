package cn.zhangzhou.partybuilding.events.wishes;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The community rejected a posted wish in screening (审核不通过), with a reason; the wish is closed. */
public record WishRejected(
        UUID wishId,
        UUID communityId,
        String reason) implements DomainEvent {

    @Override
    public String aggregateId() {
        return wishId.toString();
    }
}
