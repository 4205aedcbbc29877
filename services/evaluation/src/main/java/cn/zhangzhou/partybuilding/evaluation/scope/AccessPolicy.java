package cn.zhangzhou.partybuilding.evaluation.scope;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import cn.zhangzhou.partybuilding.directory.MembershipDirectory;
import cn.zhangzhou.partybuilding.directory.MembershipDirectory.KnownOrganisation;
import cn.zhangzhou.partybuilding.evaluation.EvaluationProperties;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.security.Role;

/**
 * Who may act on what of which organisation: district admins and systems (and the city admin) the whole district;
 * street staff their street and its communities; community staff their community. What an organisation is judged
 * on (an on-site check, a review, an assessment) is done by the level above it: staff whose scope covers its parent,
 * never the organisation's own staff. Staff of another district act on nothing here. The tree is the one known from
 * membership events.
 */
@Component
public class AccessPolicy {

    /** The organisations evaluated: street committees (街道党工委) and community organisations (社区党组织). */
    public static final Set<OrganisationType> EVALUATED = Set.of(OrganisationType.STREET_COMMITTEE,
            OrganisationType.COMMUNITY);

    private final String district;
    private final MembershipDirectory directory;

    AccessPolicy(EvaluationProperties properties, MembershipDirectory directory) {
        this.district = properties.district();
        this.directory = directory;
    }

    public String district() {
        return district;
    }

    /** Whether the caller is staff whose scope covers the organisation (a community, street, the district). */
    public boolean mayManage(Caller caller, UUID organisationId) {
        if (caller.administers(district)) {
            return true;
        }
        return caller.isStaffOf(district) && directory.isWithin(organisationId, caller.org());
    }

    public void requireManage(Caller caller, UUID organisationId) {
        if (!mayManage(caller, organisationId)) {
            throw new ForbiddenException("organisation " + organisationId + " of district " + district
                    + " is outside your scope");
        }
    }

    /** The level above the organisation: staff whose scope covers its parent (the street of a community, the district). */
    public void requireAbove(Caller caller, KnownOrganisation organisation) {
        if (organisation.parentId() == null || !mayManage(caller, organisation.parentId())) {
            throw new ForbiddenException("only the level above organisation " + organisation.id()
                    + " may do this");
        }
    }

    /** Whether {@code id} is {@code ancestor} or below it in the district's tree. */
    public boolean isWithin(UUID id, UUID ancestor) {
        return directory.isWithin(id, ancestor);
    }

    /** District admins and systems, and the city admin. */
    public void requireAdministrator(Caller caller) {
        if (!caller.administers(district)) {
            throw new ForbiddenException("only the administrators of district " + district + " may do this");
        }
    }

    /** Staff of the district at any level (what they see is still filtered to their scope). */
    public void requireStaff(Caller caller) {
        if (!caller.isStaffOf(district)) {
            throw new ForbiddenException("only staff of district " + district + " may see this");
        }
    }

    /** Staff of the district, and members of it or living in (or reported to) one of its communities. */
    public void requireReader(Caller caller) {
        boolean member = caller.hasRole(Role.MEMBER) && caller.member() != null
                && (district.equals(caller.district()) || directory.livesOrReportedHere(caller.member()));
        if (!member && !caller.isStaffOf(district)) {
            throw new ForbiddenException("only staff and members of district " + district + " may see this");
        }
    }

    /** The organisation's own staff: the token's {@code org} is the organisation itself. */
    public boolean isOwnStaff(Caller caller, UUID organisationId) {
        return caller.isStaffOf(district) && organisationId.equals(caller.org());
    }

    /**
     * A member acting in the community as themselves: they live there or reported to it (双报到), with a token of the
     * district that holds them.
     */
    public UUID requireMemberIn(Caller caller, UUID communityId) {
        UUID member = caller.hasRole(Role.MEMBER) ? caller.member() : null;
        if (member == null || !directory.homeDistrictIn(member, communityId)
                .filter(home -> home.equals(caller.district())).isPresent()) {
            throw new ForbiddenException("only a member (党员) living in or reported to community " + communityId
                    + " may do this");
        }
        return member;
    }

    /** The district's active organisations of a type. */
    public List<KnownOrganisation> active(OrganisationType type) {
        return directory.active(type);
    }

    /** The organisation and every organisation below it (no scope check: for computations over the district). */
    public List<UUID> subtree(UUID organisationId) {
        return directory.subtree(organisationId);
    }

    /** Every organisation a list or report of {@code organisationId} covers, once the caller may see it. */
    public List<UUID> subtreeFor(Caller caller, UUID organisationId) {
        requireManage(caller, organisationId);
        return directory.subtree(organisationId);
    }

    /** @throws DomainRuleException naming the field unless the id is an active organisation of one of the types */
    public KnownOrganisation requireOrganisation(UUID id, String field, Set<OrganisationType> types) {
        return directory.organisation(id).filter(o -> o.active() && types.contains(o.type()))
                .orElseThrow(() -> new DomainRuleException(field, "no active " + types + " " + id + " in district "
                        + district));
    }

    /** The organisation as the tree knows it (also inactive ones: their history stays). */
    public KnownOrganisation organisation(UUID id) {
        return directory.organisation(id).orElseThrow(() -> new IllegalStateException("organisation " + id
                + " of a stored object is not in the directory"));
    }

    /** @throws DomainRuleException naming the field unless this district holds the member */
    public void requireMemberOfDistrict(UUID member, String field) {
        if (!directory.districtOf(member).filter(district::equals).isPresent()) {
            throw new DomainRuleException(field, "no member " + member + " held by district " + district);
        }
    }
}
