package cn.zhangzhou.partybuilding.events.wishes;

import java.time.Instant;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A member, help group (帮帮团) or resident unit claimed (认领) a published wish; exactly one claim wins. The contact deadline starts. */
public record WishClaimed(
        UUID wishId,
        UUID communityId,
        UUID claimId,
        ClaimerKind claimerKind,
        UUID claimerId,
        String claimerDistrict,
        Instant contactDeadline) implements DomainEvent {

    @Override
    public String aggregateId() {
        return wishId.toString();
    }
}
