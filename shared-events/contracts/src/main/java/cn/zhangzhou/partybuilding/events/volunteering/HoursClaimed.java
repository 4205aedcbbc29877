package cn.zhangzhou.partybuilding.events.volunteering;

import java.time.LocalDate;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** Hours served without check-in were claimed, with a reason; they count only once staff approve them. */
public record HoursClaimed(
        UUID hoursId,
        UUID volunteerId,
        UUID communityId,
        ShiftKind shiftKind,
        UUID shiftId,
        int minutes,
        LocalDate servedOn,
        String reason) implements DomainEvent {

    @Override
    public String aggregateId() {
        return hoursId.toString();
    }
}
