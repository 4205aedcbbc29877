package cn.zhangzhou.partybuilding.events.volunteering;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** Staff declined claimed hours, with a reason; the entry is kept and may be appealed once. */
public record HoursDeclined(
        UUID hoursId,
        UUID volunteerId,
        UUID communityId,
        String reason) implements DomainEvent {

    @Override
    public String aggregateId() {
        return hoursId.toString();
    }
}
