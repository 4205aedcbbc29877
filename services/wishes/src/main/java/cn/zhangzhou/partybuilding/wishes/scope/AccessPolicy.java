package cn.zhangzhou.partybuilding.wishes.scope;

import java.util.UUID;

import org.springframework.stereotype.Component;

import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.wishes.WishesProperties;
import cn.zhangzhou.partybuilding.directory.MembershipDirectory;

/**
 * Who may act on the wishes of which community: district admins and systems (and the city admin) the whole
 * district; street staff their street; community staff their community. The tree is the one known from
 * membership events.
 */
@Component
public class AccessPolicy {

    private final String district;
    private final MembershipDirectory directory;

    AccessPolicy(WishesProperties properties, MembershipDirectory directory) {
        this.district = properties.district();
        this.directory = directory;
    }

    public String district() {
        return district;
    }

    public boolean isDistrictWide(Caller caller) {
        return caller.administers(district);
    }

    public boolean isStaff(Caller caller) {
        return caller.isStaffOf(district);
    }

    /** @throws DomainRuleException unless the community is an active one of this district */
    public void requireCommunity(UUID communityId) {
        if (directory.community(communityId).isEmpty()) {
            throw new DomainRuleException("communityId", "no active community " + communityId + " in district "
                    + district);
        }
    }

    /** Whether the caller is staff whose scope covers the community. */
    public boolean mayManage(Caller caller, UUID communityId) {
        if (isDistrictWide(caller)) {
            return true;
        }
        return isStaff(caller) && directory.isWithin(communityId, caller.org());
    }

    public void requireManage(Caller caller, UUID communityId) {
        if (!mayManage(caller, communityId)) {
            throw new ForbiddenException("the wishes of community " + communityId + " are outside your scope");
        }
    }

    /** A member acting as themselves: the id is the token's {@code member} claim. */
    public UUID requireMember(Caller caller) {
        if (!caller.hasRole(Role.MEMBER) || caller.member() == null) {
            throw new ForbiddenException("only a member (党员) may do this");
        }
        return caller.member();
    }
}
