package cn.zhangzhou.partybuilding.events.wishes;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The standing claim was released and the wish went back to the menu with priority (释放, 优先认领), e.g. a missed deadline (the local rule against "forgotten" claims). */
public record WishReleased(
        UUID wishId,
        UUID communityId,
        UUID claimId,
        ReleaseReason reason,
        boolean priority) implements DomainEvent {

    @Override
    public String aggregateId() {
        return wishId.toString();
    }
}
