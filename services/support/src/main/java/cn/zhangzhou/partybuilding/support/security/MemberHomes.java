package cn.zhangzhou.partybuilding.support.security;

import java.util.Optional;
import java.util.UUID;

/**
 * Which district a member belongs to, as this service knows it (its own records, or other services' events). A
 * service declares one as a bean; {@link MemberBinding} then checks every request of a MEMBER token against it, so a
 * token that binds a member to a district the member does not belong to is refused however it reaches the service.
 * Decision: docs/decisions/0016-member-binding.md.
 */
public interface MemberHomes {

    /** The district that holds the member's membership (组织关系), or empty when this service does not know them. */
    Optional<String> districtOf(UUID member);

    /**
     * Whether this service learns of every member of the city (membership and identity do, from every district's
     * events): a member it does not know is then a forged binding and refused, rather than news not yet arrived.
     */
    default boolean knowsEveryMember() {
        return false;
    }
}
