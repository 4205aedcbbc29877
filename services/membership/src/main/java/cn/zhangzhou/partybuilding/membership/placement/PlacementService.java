package cn.zhangzhou.partybuilding.membership.placement;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.events.membership.MemberPlaced;
import cn.zhangzhou.partybuilding.events.membership.MemberPlacementMoved;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.membership.directory.DirectoryStore;
import cn.zhangzhou.partybuilding.membership.member.Member.MemberStatus;
import cn.zhangzhou.partybuilding.membership.member.MemberStore;
import cn.zhangzhou.partybuilding.membership.organisation.Organisation;
import cn.zhangzhou.partybuilding.membership.organisation.OrganisationStore;
import cn.zhangzhou.partybuilding.membership.placement.PlacementStore.Residents;
import cn.zhangzhou.partybuilding.membership.placement.PlacementStore.UnplacedMember;
import cn.zhangzhou.partybuilding.membership.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.messaging.Outbox;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.web.Page;

/**
 * Grid placement: every member living in a community is placed in exactly one party group of a grid of
 * that community ("把所有社区党员就近纳入网格党小组"), whether this district or another holds the member.
 */
@Service
class PlacementService {

    private final PlacementStore placements;
    private final OrganisationStore organisations;
    private final MemberStore members;
    private final DirectoryStore directory;
    private final AccessPolicy access;
    private final Outbox outbox;

    PlacementService(PlacementStore placements, OrganisationStore organisations, MemberStore members,
                     DirectoryStore directory, AccessPolicy access, Outbox outbox) {
        this.placements = placements;
        this.organisations = organisations;
        this.members = members;
        this.directory = directory;
        this.access = access;
        this.outbox = outbox;
    }

    /**
     * Places a member in a party group, or moves them. {@code expectedVersion} is null for a first
     * placement and the placement's current version for a move; anything else is a 409.
     */
    @Transactional
    Placement place(Caller caller, UUID memberId, UUID partyGroupId, Long expectedVersion) {
        Organisation group = organisations.find(partyGroupId)
                .filter(o -> o.type() == OrganisationType.PARTY_GROUP && o.active())
                .orElseThrow(() -> new DomainRuleException("partyGroupId", "no active party group " + partyGroupId
                        + " in district " + access.district()));
        Organisation grid = organisations.find(group.parentId()).orElseThrow();
        Organisation community = organisations.find(grid.parentId()).orElseThrow();
        access.requireManage(caller, community);
        String memberDistrict = residentDistrict(memberId, community);
        Optional<Placement> existing = placements.lock(memberId);
        if (existing.isEmpty()) {
            if (expectedVersion != null) {
                throw new ConflictException("member " + memberId + " has no placement yet; send no version to place");
            }
            Placement placement = new Placement(memberId, memberDistrict, community.id(), grid.id(), group.id(), 1);
            placements.save(placement);
            outbox.append(new MemberPlaced(memberId, memberDistrict, community.id(), grid.id(), group.id()), 1);
            return placement;
        }
        Placement current = existing.get();
        if (expectedVersion == null) {
            throw new ConflictException("member " + memberId + " is already placed (placement version "
                    + current.version() + "); send that version to move them");
        }
        if (expectedVersion != current.version()) {
            throw ConflictException.staleVersion("placement", memberId, expectedVersion);
        }
        if (current.partyGroupId().equals(group.id())) {
            return current;
        }
        Placement moved = new Placement(memberId, memberDistrict, community.id(), grid.id(), group.id(),
                current.version() + 1);
        placements.save(moved);
        outbox.append(new MemberPlacementMoved(memberId, memberDistrict, community.id(), current.partyGroupId(),
                grid.id(), group.id()), moved.version());
        return moved;
    }

    /** To the member themselves and to staff whose scope covers the community the member is placed in. */
    Placement get(Caller caller, UUID memberId) {
        boolean self = access.isMember(caller, memberId);
        if (!self) {
            access.requireStaff(caller);
        }
        Placement placement = placements.find(memberId)
                .orElseThrow(() -> new NotFoundException("member " + memberId + " is not placed"));
        // The refusal must not name the community: where a member lives is what it protects.
        if (!self && !access.mayManage(caller, organisations.find(placement.communityId()).orElseThrow())) {
            throw new ForbiddenException("the placement of member " + memberId + " is outside your scope");
        }
        return placement;
    }

    /** The district holding a member who lives in {@code community}; refuses members living elsewhere. */
    private String residentDistrict(UUID memberId, Organisation community) {
        var own = members.find(memberId);
        if (own.isPresent()) {
            var m = own.get();
            if (m.status() == MemberStatus.TRANSFERRED_OUT) {
                throw new DomainRuleException("member " + memberId + " has transferred out of the district");
            }
            requireLivesIn(memberId, m.residenceDistrict(), m.residenceCommunityId(), community);
            return access.district();
        }
        var external = directory.member(memberId).filter(DirectoryStore.ExternalMember::active)
                .orElseThrow(() -> new NotFoundException("member " + memberId + " is not known in district "
                        + access.district()));
        requireLivesIn(memberId, external.residenceDistrict(), external.residenceCommunityId(), community);
        return external.district();
    }

    private void requireLivesIn(UUID memberId, String district, UUID communityId, Organisation community) {
        if (!access.district().equals(district) || !community.id().equals(communityId)) {
            throw new DomainRuleException("partyGroupId", "member " + memberId + " does not live in community "
                    + community.name() + "; place members in a party group of the community where they live");
        }
    }

    record Coverage(UUID organisationId, String organisationName, OrganisationType type, long residents,
                    long placed, long unplaced, Page<UnplacedMember> unplacedMembers) {
    }

    /** Members living in a community, street or the whole district: placed, unplaced (listed). */
    Coverage coverage(Caller caller, UUID organisationId, int page, int size) {
        Organisation org = organisations.find(organisationId)
                .orElseThrow(() -> new NotFoundException("organisation " + organisationId + " not found"));
        if (!List.of(OrganisationType.COMMUNITY, OrganisationType.STREET_COMMITTEE,
                OrganisationType.DISTRICT_COMMITTEE).contains(org.type())) {
            throw new DomainRuleException("organisationId", "coverage is shown for a community, a street or the "
                    + "district, not for a " + org.type());
        }
        access.requireManage(caller, org);
        Residents residents = placements.residents(access.district(), org.path());
        long unplaced = residents.total() - residents.placed();
        return new Coverage(org.id(), org.name(), org.type(), residents.total(), residents.placed(), unplaced,
                Page.of(placements.unplaced(access.district(), org.path(), page, size), page, size, unplaced));
    }
}
