package cn.zhangzhou.partybuilding.events.volunteering;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The volunteer (or staff for a resident) appealed declined hours, with a reason; staff decide again. */
public record HoursAppealed(
        UUID hoursId,
        UUID volunteerId,
        UUID communityId,
        String reason) implements DomainEvent {

    @Override
    public String aggregateId() {
        return hoursId.toString();
    }
}
