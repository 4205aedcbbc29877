package cn.zhangzhou.partybuilding.events.wishes;

import java.time.Instant;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The claimer contacted the beneficiary (已联系); the fulfilment deadline starts. */
public record WishContacted(
        UUID wishId,
        UUID communityId,
        UUID claimId,
        Instant fulfilmentDeadline) implements DomainEvent {

    @Override
    public String aggregateId() {
        return wishId.toString();
    }
}
