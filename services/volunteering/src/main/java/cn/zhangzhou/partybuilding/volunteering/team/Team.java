package cn.zhangzhou.partybuilding.volunteering.team;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.volunteering.JoinPolicy;
import cn.zhangzhou.partybuilding.events.volunteering.TeamBase;

/**
 * A volunteer team (志愿服务队) formed by content and place: a community, a street, or a brand project (whose
 * organisation it then belongs to). {@code members}: everyone who joined or asked to, with where they stand.
 */
record Team(UUID id, String name, String content, TeamBase base, UUID organisationId, UUID brandProjectId,
            UUID leadVolunteerId, JoinPolicy joinPolicy, long version, Instant formedAt, List<Member> members) {

    /** PENDING (asked, waiting for approval) → MEMBER or DECLINED; MEMBER → LEFT. */
    enum Status {
        PENDING, MEMBER, DECLINED, LEFT
    }

    record Member(UUID volunteerId, Status status, Instant requestedAt, Instant decidedAt, String reason) {
    }

    Status statusOf(UUID volunteerId) {
        return members.stream().filter(m -> m.volunteerId().equals(volunteerId)).map(Member::status).findFirst()
                .orElse(null);
    }
}
