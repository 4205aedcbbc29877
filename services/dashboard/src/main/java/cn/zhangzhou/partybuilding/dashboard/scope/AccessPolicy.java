package cn.zhangzhou.partybuilding.dashboard.scope;

import java.util.UUID;

import org.springframework.stereotype.Component;

import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.security.Role;

/**
 * Who sees which figures (docs/security.md, "Dashboard"): the city (every district, freshness, reconciliation) only
 * a CITY_ADMIN; a district's subtree its DISTRICT_ADMIN and DISTRICT_SYSTEM; a street's or community's subtree its
 * staff; members nothing. A district's roles do not see the city totals: they are the other districts' figures
 * summed, which their own districts publish to the city, not to each other.
 */
@Component
public class AccessPolicy {

    private static final Role[] STAFF = {Role.CITY_ADMIN, Role.DISTRICT_ADMIN, Role.DISTRICT_SYSTEM,
            Role.STREET_STAFF, Role.COMMUNITY_STAFF};

    private final ScopeStore tree;

    AccessPolicy(ScopeStore tree) {
        this.tree = tree;
    }

    /** Staff at any level; members see nothing here. */
    public void requireStaff(Caller caller) {
        caller.requireAnyRole(STAFF);
    }

    public void requireCity(Caller caller) {
        caller.requireAnyRole(Role.CITY_ADMIN);
    }

    /** The whole district: the city or the district's administrators. */
    public void requireDistrict(Caller caller, String district) {
        requireStaff(caller);
        if (!caller.administers(district)) {
            throw new ForbiddenException("The figures of district " + district + " are for its administrators and "
                    + "the city; the caller's scope is " + scopeOf(caller));
        }
    }

    /** An organisation's subtree: the district's administrators, or staff whose street or community holds it. */
    public void requireOrganisation(Caller caller, String district, UUID organisation) {
        requireStaff(caller);
        boolean staffAbove = caller.isStaffOf(district) && caller.org() != null
                && tree.isWithin(organisation, caller.org());
        if (!caller.administers(district) && !staffAbove) {
            throw new ForbiddenException("Organisation " + organisation + " is outside the caller's scope "
                    + scopeOf(caller));
        }
    }

    /** Whether a change of the district's figures is for the caller's live channel. */
    public boolean seesChangesOf(Caller caller, String district) {
        return caller.inDistrict(district);
    }

    private static String scopeOf(Caller caller) {
        return caller.isCityWide() ? "the city"
                : "district " + caller.district() + (caller.org() == null ? "" : ", organisation " + caller.org());
    }
}
