package cn.zhangzhou.partybuilding.membership.transfer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.membership.MemberCategory;

/**
 * A transfer of the membership relationship (组织关系转接), as this district sees it: one it asked of
 * another district (OUTGOING), one asked of it (INCOMING), or one inside the district (INTERNAL).
 */
record Transfer(UUID id, Direction direction, UUID memberId, String fromDistrict, UUID fromOrganisationId,
                String toDistrict, UUID toOrganisationId, MemberCategory category, List<String> specialties,
                Status status, String reason, long version, Instant requestedAt, Instant decidedAt) {

    Transfer {
        specialties = specialties == null ? List.of() : List.copyOf(specialties);
    }

    enum Direction { OUTGOING, INCOMING, INTERNAL }

    enum Status { PENDING, ACCEPTED, DECLINED, CANCELLED, COMPLETED }

    Transfer decided(Status newStatus, String newReason) {
        return new Transfer(id, direction, memberId, fromDistrict, fromOrganisationId, toDistrict, toOrganisationId,
                category, specialties, newStatus, newReason, version + 1, requestedAt, Instant.now());
    }
}
