package cn.zhangzhou.partybuilding.events.membership;

import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The non-personal attributes of a member changed; the event carries all of them (a snapshot), so a consumer needs no earlier event to apply it. */
public record MemberUpdated(
        UUID memberId,
        String residenceDistrict,
        UUID residenceCommunityId,
        MemberCategory category,
        List<String> specialties,
        CadreRole cadreRole,
        boolean communityWorker) implements DomainEvent {

    public MemberUpdated {
        specialties = specialties == null ? List.of() : List.copyOf(specialties);
    }

    @Override
    public String aggregateId() {
        return memberId.toString();
    }
}
