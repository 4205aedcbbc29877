package cn.zhangzhou.partybuilding.events.membership;

import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The member's district asked another district to take over the membership relationship; pending until the receiving district accepts or declines. */
public record MemberTransferRequested(
        UUID memberId,
        UUID transferId,
        UUID fromOrganisationId,
        String toDistrict,
        UUID toOrganisationId,
        MemberCategory category,
        List<String> specialties) implements DomainEvent {

    public MemberTransferRequested {
        specialties = specialties == null ? List.of() : List.copyOf(specialties);
    }

    @Override
    public String aggregateId() {
        return memberId.toString();
    }
}
