package cn.zhangzhou.partybuilding.events.wishes;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The fulfilment was confirmed (确认兑现); the wish is closed. */
public record WishConfirmed(
        UUID wishId,
        UUID communityId,
        UUID claimId,
        ConfirmedBy confirmedBy) implements DomainEvent {

    @Override
    public String aggregateId() {
        return wishId.toString();
    }
}
