package cn.zhangzhou.partybuilding.volunteering.scope;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.volunteering.VolunteeringProperties;
import cn.zhangzhou.partybuilding.directory.MembershipDirectory;
import cn.zhangzhou.partybuilding.directory.MembershipDirectory.KnownOrganisation;

/**
 * Who may act on what of which organisation: district admins and systems (and the city admin) the whole district;
 * street staff their street and its communities; community staff their community; members their own records, and
 * in the communities they live in or reported to (双报到), whatever their home district. Staff of another district
 * act on nothing here. The tree is the one known from membership events.
 */
@Component
public class AccessPolicy {

    private final String district;
    private final MembershipDirectory directory;

    AccessPolicy(VolunteeringProperties properties, MembershipDirectory directory) {
        this.district = properties.district();
        this.directory = directory;
    }

    public String district() {
        return district;
    }

    public boolean isStaff(Caller caller) {
        return caller.isStaffOf(district);
    }

    /** Whether the caller is staff whose scope covers the organisation (a community, street, the district). */
    public boolean mayManage(Caller caller, UUID organisationId) {
        if (caller.administers(district)) {
            return true;
        }
        return isStaff(caller) && directory.isWithin(organisationId, caller.org());
    }

    public void requireManage(Caller caller, UUID organisationId) {
        if (!mayManage(caller, organisationId)) {
            throw new ForbiddenException("organisation " + organisationId + " of district " + district
                    + " is outside your scope");
        }
    }

    /**
     * Staff in scope see what is published in the organisation; so do members of this district and members of others
     * who live in or reported to one of its communities (to claim, sign up, join).
     */
    public void requireReader(Caller caller, UUID organisationId) {
        boolean member = caller.hasRole(Role.MEMBER) && caller.member() != null
                && (district.equals(caller.district()) || directory.livesOrReportedHere(caller.member()));
        if (!member) {
            requireManage(caller, organisationId);
        }
    }

    /** Every organisation a staff list or report of {@code organisationId} covers, once the caller may see it. */
    public List<UUID> subtreeFor(Caller caller, UUID organisationId) {
        requireManage(caller, organisationId);
        return directory.subtree(organisationId);
    }

    /** Every organisation a list of what is published in {@code organisationId} covers, for staff in scope or a member. */
    public List<UUID> readableSubtree(Caller caller, UUID organisationId) {
        requireReader(caller, organisationId);
        return directory.subtree(organisationId);
    }

    /** @throws DomainRuleException naming the field unless the id is an active community of this district */
    public KnownOrganisation requireCommunity(UUID id, String field) {
        return requireOrganisation(id, field, Set.of(OrganisationType.COMMUNITY));
    }

    /** @throws DomainRuleException naming the field unless the id is an active organisation of one of the types */
    public KnownOrganisation requireOrganisation(UUID id, String field, Set<OrganisationType> types) {
        return directory.organisation(id).filter(o -> o.active() && types.contains(o.type()))
                .orElseThrow(() -> new DomainRuleException(field, "no active " + types + " " + id + " in district "
                        + district));
    }

    /** A member acting as themselves: the id is the token's {@code member} claim. */
    public UUID requireMember(Caller caller) {
        if (!caller.hasRole(Role.MEMBER) || caller.member() == null) {
            throw new ForbiddenException("only a member (党员) acting as themselves may do this");
        }
        return caller.member();
    }

    /**
     * The home district of a member who acts in the community: they live there or reported to it (双报到), and
     * their token comes from the district that holds them.
     */
    public String requireMemberIn(Caller caller, UUID communityId) {
        UUID member = requireMember(caller);
        String token = caller.district() == null ? district : caller.district();
        return directory.homeDistrictIn(member, communityId).filter(token::equals)
                .orElseThrow(() -> new ForbiddenException("member " + member + " of district " + token
                        + " neither lives in community " + communityId
                        + " nor has an accepted member report (双报到) to it"));
    }
}
