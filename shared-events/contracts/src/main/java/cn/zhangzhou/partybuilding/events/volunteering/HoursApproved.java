package cn.zhangzhou.partybuilding.events.volunteering;

import java.time.LocalDate;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** Hours became verified service (or training) time: at check-out, or when staff approved a claim. The only hours that count anywhere; a member's home district reads them for its home-district feedback (双报到). {@code specialty}, {@code campaignId} may be null. */
public record HoursApproved(
        UUID hoursId,
        UUID volunteerId,
        VolunteerKind volunteerKind,
        String volunteerDistrict,
        UUID communityId,
        ShiftKind shiftKind,
        UUID shiftId,
        boolean training,
        String specialty,
        UUID campaignId,
        int minutes,
        LocalDate servedOn,
        HoursSource source) implements DomainEvent {

    @Override
    public String aggregateId() {
        return hoursId.toString();
    }
}
