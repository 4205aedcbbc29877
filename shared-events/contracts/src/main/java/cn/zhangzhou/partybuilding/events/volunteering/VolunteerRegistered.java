package cn.zhangzhou.partybuilding.events.volunteering;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A volunteer was registered (志愿者登记) with a community: a member (党员) known from membership events, or a resident who is not a member. Carries no name or phone. */
public record VolunteerRegistered(
        UUID volunteerId,
        VolunteerKind kind,
        String volunteerDistrict,
        UUID communityId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return volunteerId.toString();
    }
}
