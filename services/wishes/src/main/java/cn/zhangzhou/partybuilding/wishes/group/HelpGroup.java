package cn.zhangzhou.partybuilding.wishes.group;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A help group (帮帮团): members of one community with a lead (团长) who claim wishes together. The lead is one of
 * {@code members}. No personal data: members are member ids.
 */
public record HelpGroup(UUID id, UUID communityId, String name, UUID leadMemberId, List<UUID> members,
                        String createdBy, Instant createdAt) {

    public boolean hasMember(UUID memberId) {
        return memberId != null && members.contains(memberId);
    }
}
