package cn.zhangzhou.partybuilding.support.security;

import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling, from the verified token: subject, roles and scope claims. A controller gets it as a method
 * argument ({@code Caller caller}) or from {@link #current()}. Role and district checks are here; object-level
 * scope (a community worker only in their community) is the service's job.
 *
 * @param subject  the token's {@code sub}
 * @param roles    the token's {@code roles} (never empty)
 * @param district the token's {@code district}; null for a CITY_ADMIN
 * @param org      the token's {@code org}: the street (STREET_STAFF) or community (COMMUNITY_STAFF), else null
 * @param member   the token's {@code member}: the member id (MEMBER), else null
 */
public record Caller(String subject, Set<Role> roles, String district, UUID org, UUID member) {

    public static final String CLAIM_ROLES = "roles";
    public static final String CLAIM_DISTRICT = "district";
    public static final String CLAIM_ORG = "org";
    public static final String CLAIM_MEMBER = "member";

    public Caller {
        Objects.requireNonNull(subject, "subject");
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("a caller has at least one role");
        }
        roles = Collections.unmodifiableSet(EnumSet.copyOf(roles));
    }

    /** The caller of the current request; 401 (as problem JSON) when the request is not authenticated. */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof CallerAuthentication callerAuthentication) {
            return callerAuthentication.caller();
        }
        throw new AuthenticationCredentialsNotFoundException("no authenticated caller in this request");
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(Role... wanted) {
        return Arrays.stream(wanted).anyMatch(roles::contains);
    }

    /** A CITY_ADMIN spans all districts. */
    public boolean isCityWide() {
        return roles.contains(Role.CITY_ADMIN);
    }

    /** @throws ForbiddenException unless the caller has one of the roles */
    public Caller requireAnyRole(Role... wanted) {
        if (!hasAnyRole(wanted)) {
            throw new ForbiddenException("This needs one of the roles " + Arrays.toString(wanted)
                    + "; the caller has " + roles);
        }
        return this;
    }

    /** Whether the caller may act in the district: a CITY_ADMIN anywhere, everyone else in their own district. */
    public boolean inDistrict(String wanted) {
        return isCityWide() || (district != null && district.equals(wanted));
    }

    /** Whether the caller administers the whole district: a CITY_ADMIN, or its DISTRICT_ADMIN / DISTRICT_SYSTEM. */
    public boolean administers(String wanted) {
        return isCityWide() || (wanted.equals(district) && hasAnyRole(Role.DISTRICT_ADMIN, Role.DISTRICT_SYSTEM));
    }

    /**
     * Whether the caller is staff of the district at any level: an administrator, or street / community
     * staff with an {@code org} (whose subtree the service still checks, object by object).
     */
    public boolean isStaffOf(String wanted) {
        return administers(wanted)
                || (wanted.equals(district) && org != null && hasAnyRole(Role.STREET_STAFF, Role.COMMUNITY_STAFF));
    }

    /** @throws ForbiddenException unless {@link #inDistrict(String)} */
    public Caller requireDistrict(String wanted) {
        if (!inDistrict(wanted)) {
            throw new ForbiddenException("The caller's scope is district " + (district == null ? "(none)" : district)
                    + ", not " + wanted);
        }
        return this;
    }
}
