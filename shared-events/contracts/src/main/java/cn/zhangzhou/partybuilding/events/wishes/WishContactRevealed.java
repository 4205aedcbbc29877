package cn.zhangzhou.partybuilding.events.wishes;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The beneficiary's contact data was shown to the claimer of the standing claim; every reveal is recorded. Carries no contact data. */
public record WishContactRevealed(
        UUID wishId,
        UUID communityId,
        UUID claimId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return wishId.toString();
    }
}
