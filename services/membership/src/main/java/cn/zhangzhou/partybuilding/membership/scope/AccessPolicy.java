package cn.zhangzhou.partybuilding.membership.scope;

import java.util.UUID;

import org.springframework.stereotype.Component;

import cn.zhangzhou.partybuilding.membership.MembershipProperties;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;

/**
 * Object-level scope checks of this district's data. City admins act everywhere; district admins and
 * district systems only in their district; street and community staff only inside the subtree of the
 * organisation in their {@code org} claim; members only on their own records.
 */
@Component
public class AccessPolicy {

    private final String district;

    AccessPolicy(MembershipProperties properties) {
        this.district = properties.district();
    }

    public String district() {
        return district;
    }

    /** Whether the caller administers the whole district (or the city). */
    public boolean isDistrictWide(Caller caller) {
        return caller.administers(district);
    }

    /** Staff of this district (any level): may read the non-personal parts of the district's data. */
    public void requireStaff(Caller caller) {
        if (!caller.isStaffOf(district)) {
            throw new ForbiddenException("only staff of district " + district + " may do this");
        }
    }

    /**
     * Reads of the organisation tree (no personal data): any staff of this district, and members of any
     * district, who need a community's structure to report to it.
     */
    public void requireReader(Caller caller) {
        if (!caller.hasRole(Role.MEMBER)) {
            requireStaff(caller);
        }
    }

    /** Whether the caller may act on data at or under {@code target}. */
    public boolean mayManage(Caller caller, TreeNode target) {
        return isDistrictWide(caller) || caller.isStaffOf(district) && target.isWithin(caller.org());
    }

    public void requireManage(Caller caller, TreeNode target) {
        if (!mayManage(caller, target)) {
            throw new ForbiddenException("organisation " + target.id() + " is outside your scope");
        }
    }

    public void requireDistrictWide(Caller caller) {
        if (!isDistrictWide(caller)) {
            throw new ForbiddenException("only an administrator of district " + district + " may do this");
        }
    }

    /** The caller is the member themselves. */
    public boolean isMember(Caller caller, UUID memberId) {
        return caller.hasRole(Role.MEMBER) && memberId.equals(caller.member());
    }
}
