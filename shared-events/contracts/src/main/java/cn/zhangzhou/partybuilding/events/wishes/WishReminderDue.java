package cn.zhangzhou.partybuilding.events.wishes;

import java.time.Instant;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A deadline of the standing claim is one day away: the claimer is to be reminded (提醒). */
public record WishReminderDue(
        UUID wishId,
        UUID communityId,
        UUID claimId,
        DeadlineKind deadlineKind,
        Instant deadline) implements DomainEvent {

    @Override
    public String aggregateId() {
        return wishId.toString();
    }
}
