package cn.zhangzhou.partybuilding.events.volunteering;

import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A volunteer's specialties (特长, 分类登记) changed or a qualification was verified. A snapshot of all of them, so a consumer needs no earlier event. */
public record VolunteerSpecialtiesUpdated(
        UUID volunteerId,
        UUID communityId,
        List<SpecialtyState> specialties) implements DomainEvent {

    @Override
    public String aggregateId() {
        return volunteerId.toString();
    }
}
