package cn.zhangzhou.partybuilding.events.volunteering;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A volunteer checked in to a shift with its current rotating code; the hours entry is open until check-out. */
public record CheckedIn(
        UUID hoursId,
        UUID volunteerId,
        UUID communityId,
        ShiftKind shiftKind,
        UUID shiftId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return hoursId.toString();
    }
}
