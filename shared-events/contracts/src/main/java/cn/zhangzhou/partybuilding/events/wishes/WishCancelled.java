package cn.zhangzhou.partybuilding.events.wishes;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The community cancelled the wish (取消), also while claimed; it is closed and a standing claim ends with it. {@code claimId} may be null. */
public record WishCancelled(
        UUID wishId,
        UUID communityId,
        UUID claimId,
        String reason) implements DomainEvent {

    @Override
    public String aggregateId() {
        return wishId.toString();
    }
}
