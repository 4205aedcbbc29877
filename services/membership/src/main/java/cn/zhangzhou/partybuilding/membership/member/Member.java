package cn.zhangzhou.partybuilding.membership.member;

import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.membership.CadreRole;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;

/**
 * A party member (党员) whose membership relationship (组织关系) this district holds. Name, phone, ID number
 * and address never leave this service.
 */
public record Member(UUID id, String name, String phone, String idNumber, String address, UUID homeOrganisationId,
                     String residenceDistrict, UUID residenceCommunityId, MemberCategory category,
                     List<String> specialties, CadreRole cadreRole, boolean communityWorker, MemberStatus status,
                     long version) {

    public Member {
        specialties = List.copyOf(specialties);
    }

    public enum MemberStatus {
        ACTIVE,
        /** A transfer to another district is pending. */
        TRANSFER_PENDING,
        /** The membership relationship moved to another district; kept for history. */
        TRANSFERRED_OUT
    }

    public Member withHome(UUID organisationId, MemberStatus newStatus, long newVersion) {
        return new Member(id, name, phone, idNumber, address, organisationId, residenceDistrict, residenceCommunityId,
                category, specialties, cadreRole, communityWorker, newStatus, newVersion);
    }
}
