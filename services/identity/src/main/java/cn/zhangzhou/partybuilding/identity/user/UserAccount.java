package cn.zhangzhou.partybuilding.identity.user;

import cn.zhangzhou.partybuilding.support.security.Role;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A person who signs in (用户): roles and scope exactly as the token carries them.
 *
 * @param failedLogins consecutive failed logins since the last success
 * @param lockedUntil  refused until then, even with the right password; null when not locked
 */
public record UserAccount(UUID id, String username, String passwordHash, Set<Role> roles, String district, UUID org,
                          UUID member, boolean enabled, int failedLogins, Instant lockedUntil, long version,
                          Instant createdAt, Instant updatedAt) {

    boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
