package cn.zhangzhou.partybuilding.membership.member;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.events.Districts;
import cn.zhangzhou.partybuilding.events.membership.CadreRole;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MemberUpdated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.membership.directory.DirectoryStore;
import cn.zhangzhou.partybuilding.membership.member.Member.MemberStatus;
import cn.zhangzhou.partybuilding.membership.organisation.Organisation;
import cn.zhangzhou.partybuilding.membership.organisation.OrganisationStore;
import cn.zhangzhou.partybuilding.membership.organisation.TreeRules;
import cn.zhangzhou.partybuilding.membership.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.messaging.Outbox;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.security.MemberHomes;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.web.Page;

/**
 * Members (党员): register, update, read and search, within the caller's scope; and which district holds a member,
 * against which every MEMBER token is checked (support's {@code MemberBinding}).
 */
@Service
public class MemberService implements MemberHomes {

    private final MemberStore members;
    private final OrganisationStore organisations;
    private final DirectoryStore directory;
    private final AccessPolicy access;
    private final Outbox outbox;

    MemberService(MemberStore members, OrganisationStore organisations, DirectoryStore directory, AccessPolicy access,
                  Outbox outbox) {
        this.members = members;
        this.organisations = organisations;
        this.directory = directory;
        this.access = access;
        this.outbox = outbox;
    }

    /** The attributes a client sets on register and update. */
    public record MemberDetails(String name, String phone, String idNumber, String address, UUID homeOrganisationId,
                                String residenceDistrict, UUID residenceCommunityId, MemberCategory category,
                                List<String> specialties, CadreRole cadreRole, boolean communityWorker) {
    }

    @Transactional
    Member register(Caller caller, MemberDetails details) {
        Organisation home = requireHome(details.homeOrganisationId());
        access.requireManage(caller, home);
        requireResidence(details.residenceDistrict(), details.residenceCommunityId(), home);
        return insert(UUID.randomUUID(), details);
    }

    /** Registers a member arriving by an accepted transfer, keeping the id they had in the other district. */
    @Transactional
    public Member registerArrival(UUID memberId, MemberDetails details) {
        if (members.find(memberId).isPresent()) {
            throw new ConflictException("member " + memberId + " is already held in district " + access.district());
        }
        requireHome(details.homeOrganisationId());
        return insert(memberId, details);
    }

    @Transactional
    Member update(Caller caller, UUID id, MemberDetails details, long version) {
        Member current = lockCurrent(id, version);
        Organisation home = organisations.find(current.homeOrganisationId()).orElseThrow();
        access.requireManage(caller, home);
        if (current.status() != MemberStatus.ACTIVE) {
            throw new ConflictException("member " + id + " is " + current.status() + " and cannot be changed");
        }
        if (!current.homeOrganisationId().equals(details.homeOrganisationId())) {
            throw new DomainRuleException("homeOrganisationId",
                    "the home organisation changes only by a transfer (POST /api/v1/members/{id}/transfers)");
        }
        requireResidence(details.residenceDistrict(), details.residenceCommunityId(), home);
        Member updated = new Member(id, details.name(), details.phone(), details.idNumber(), details.address(),
                current.homeOrganisationId(), details.residenceDistrict(), details.residenceCommunityId(),
                details.category(), details.specialties(), details.cadreRole(), details.communityWorker(),
                current.status(), version + 1);
        save(updated, version);
        outbox.append(new MemberUpdated(id, updated.residenceDistrict(), updated.residenceCommunityId(),
                updated.category(), updated.specialties(), updated.cadreRole(), updated.communityWorker()),
                updated.version());
        return updated;
    }

    public Member get(Caller caller, UUID id) {
        Member member = members.find(id).orElseThrow(() -> new NotFoundException("member " + id + " not found"));
        if (access.isMember(caller, id) || mayRead(caller, member)) {
            return member;
        }
        throw new ForbiddenException("member " + id + " is outside your scope");
    }

    Page<Member> search(Caller caller, String name, UUID organisationId, MemberCategory category,
                        String specialty, int page, int size) {
        access.requireStaff(caller);
        String scope = access.isDistrictWide(caller) ? null
                : organisations.find(caller.org()).map(Organisation::path)
                        .orElseThrow(() -> new ForbiddenException("your organisation " + caller.org()
                                + " is not in district " + access.district()));
        return members.search(name, organisationId, category, specialty, scope, page, size);
    }

    /**
     * This district for its own members, the holding district for members of others (from their events). A member
     * who transferred out belongs to the district that took them in.
     */
    @Override
    public Optional<String> districtOf(UUID member) {
        if (members.find(member).filter(m -> m.status() != MemberStatus.TRANSFERRED_OUT).isPresent()) {
            return Optional.of(access.district());
        }
        return directory.member(member).map(DirectoryStore.ExternalMember::district);
    }

    /** Every district's MemberRegistered reaches this service: a member none of them registered does not exist. */
    @Override
    public boolean knowsEveryMember() {
        return true;
    }

    /** Staff who manage the member's home organisation, or the community where they live. */
    private boolean mayRead(Caller caller, Member member) {
        if (organisations.find(member.homeOrganisationId()).filter(o -> access.mayManage(caller, o)).isPresent()) {
            return true;
        }
        return member.residenceCommunityId() != null && organisations.find(member.residenceCommunityId())
                .filter(o -> access.mayManage(caller, o)).isPresent();
    }

    public Member lockCurrent(UUID id, long expectedVersion) {
        Member current = members.lock(id).orElseThrow(() -> new NotFoundException("member " + id + " not found"));
        if (current.version() != expectedVersion) {
            throw ConflictException.staleVersion("member", id, expectedVersion);
        }
        return current;
    }

    public void save(Member changed, long expectedVersion) {
        if (!members.update(changed, expectedVersion)) {
            throw ConflictException.staleVersion("member", changed.id(), expectedVersion);
        }
    }

    private Member insert(UUID id, MemberDetails details) {
        Member m = new Member(id, details.name(), details.phone(), details.idNumber(), details.address(),
                details.homeOrganisationId(), details.residenceDistrict(), details.residenceCommunityId(),
                details.category(), details.specialties(), details.cadreRole(), details.communityWorker(),
                MemberStatus.ACTIVE, 1);
        members.insert(m);
        outbox.append(new MemberRegistered(m.id(), m.homeOrganisationId(), m.residenceDistrict(),
                m.residenceCommunityId(), m.category(), m.specialties(), m.cadreRole(), m.communityWorker()),
                m.version());
        return m;
    }

    private Organisation requireHome(UUID id) {
        Organisation home = organisations.find(id).orElseThrow(() -> new DomainRuleException("homeOrganisationId",
                "no organisation " + id + " in district " + access.district()));
        if (!TreeRules.mayHoldMembers(home.type()) || !home.active()) {
            throw new DomainRuleException("homeOrganisationId", "membership can be held only in an active "
                    + TreeRules.homeTypes() + ", not in " + home.name() + " (" + home.type() + ")");
        }
        return home;
    }

    /** The community where a member lives: one of ours, or one another district told us about. */
    private void requireResidence(String district, UUID communityId, Organisation home) {
        if (!Districts.isKnown(district)) {
            throw new DomainRuleException("residenceDistrict", "unknown district " + district);
        }
        if (communityId == null) {
            return;
        }
        // Most members live in the community that holds them: no second read of the same row.
        if (district.equals(access.district()) && communityId.equals(home.id())
                && home.type() == OrganisationType.COMMUNITY && home.active()) {
            return;
        }
        boolean known = district.equals(access.district())
                ? organisations.find(communityId)
                        .filter(o -> o.type() == OrganisationType.COMMUNITY && o.active()).isPresent()
                : directory.organisation(communityId)
                        .filter(o -> o.district().equals(district) && o.type() == OrganisationType.COMMUNITY
                                && o.active()).isPresent();
        if (!known) {
            throw new DomainRuleException("residenceCommunityId",
                    "no active community " + communityId + " known in district " + district);
        }
    }
}
