package cn.zhangzhou.partybuilding.events.membership;

import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A party member (党员) was registered in the district that holds their membership (组织关系). {@code communityWorker}: recruited as a community worker (社区工作者). Carries no name, phone, ID number or address. */
public record MemberRegistered(
        UUID memberId,
        UUID homeOrganisationId,
        String residenceDistrict,
        UUID residenceCommunityId,
        MemberCategory category,
        List<String> specialties,
        CadreRole cadreRole,
        boolean communityWorker) implements DomainEvent {

    public MemberRegistered {
        specialties = specialties == null ? List.of() : List.copyOf(specialties);
    }

    @Override
    public String aggregateId() {
        return memberId.toString();
    }
}
