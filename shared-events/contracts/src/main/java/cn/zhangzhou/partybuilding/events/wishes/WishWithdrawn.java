package cn.zhangzhou.partybuilding.events.wishes;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The wish was withdrawn (撤回) before it was claimed; it is closed. */
public record WishWithdrawn(
        UUID wishId,
        UUID communityId,
        String reason) implements DomainEvent {

    @Override
    public String aggregateId() {
        return wishId.toString();
    }
}
