package cn.zhangzhou.partybuilding.events.wishes;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A published wish found no claimer before its publication round ended (到期未认领); it is closed. */
public record WishExpired(
        UUID wishId,
        UUID communityId,
        int round) implements DomainEvent {

    @Override
    public String aggregateId() {
        return wishId.toString();
    }
}
