package cn.zhangzhou.partybuilding.wishes.group;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.web.Page;
import cn.zhangzhou.partybuilding.directory.MembershipDirectory;
import cn.zhangzhou.partybuilding.wishes.scope.AccessPolicy;

/**
 * Help groups (帮帮团): a member founds one and leads it, or community staff found one naming its lead; the lead
 * or staff add and remove members; a member may leave. Every member (the lead too) must be eligible in the
 * group's community exactly as a single member claimer is (lives there, or an accepted member report to it).
 */
@Service
public class HelpGroupService {

    private final HelpGroupStore groups;
    private final MembershipDirectory directory;
    private final AccessPolicy access;
    private final Clock clock;

    HelpGroupService(HelpGroupStore groups, MembershipDirectory directory, AccessPolicy access, Clock clock) {
        this.groups = groups;
        this.directory = directory;
        this.access = access;
        this.clock = clock;
    }

    @Transactional
    HelpGroup create(Caller caller, UUID communityId, String name, UUID leadMemberId) {
        access.requireCommunity(communityId);
        UUID lead;
        if (access.mayManage(caller, communityId)) {
            if (leadMemberId == null) {
                throw new DomainRuleException("leadMemberId", "staff founding a help group name its lead");
            }
            lead = leadMemberId;
        } else if (caller.hasRole(Role.MEMBER) && caller.member() != null) {
            if (leadMemberId != null && !leadMemberId.equals(caller.member())) {
                throw new ForbiddenException("a member founds a help group with themselves as its lead");
            }
            lead = caller.member();
        } else {
            throw new ForbiddenException("help groups of community " + communityId + " are founded by its members "
                    + "or by staff in scope");
        }
        requireEligible(lead, communityId, "leadMemberId");
        groups.lock(communityId);
        if (groups.nameTaken(communityId, name)) {
            throw new ConflictException("community " + communityId + " already has a help group named " + name);
        }
        UUID id = UUID.randomUUID();
        groups.insert(id, communityId, name, lead, caller.subject(), clock.instant());
        return require(id);
    }

    @Transactional
    HelpGroup addMember(Caller caller, UUID groupId, UUID memberId) {
        HelpGroup group = get(caller, groupId);
        requireLeadOrStaff(caller, group);
        requireEligible(memberId, group.communityId(), "memberId");
        groups.lock(groupId);
        if (!groups.addMember(groupId, memberId, clock.instant())) {
            throw new ConflictException("member " + memberId + " already is in help group " + groupId);
        }
        return require(groupId);
    }

    /** The lead or staff remove a member; a member may leave. The lead stays (a group always has its lead). */
    @Transactional
    HelpGroup removeMember(Caller caller, UUID groupId, UUID memberId) {
        HelpGroup group = get(caller, groupId);
        if (!memberId.equals(caller.member())) {
            requireLeadOrStaff(caller, group);
        }
        if (memberId.equals(group.leadMemberId())) {
            throw new ConflictException("member " + memberId + " leads help group " + groupId + "; the lead cannot "
                    + "be removed");
        }
        groups.lock(groupId);
        if (!groups.removeMember(groupId, memberId)) {
            throw NotFoundException.of("member of help group " + groupId, memberId);
        }
        return require(groupId);
    }

    /**
     * Staff in scope: the groups of a community ({@code communityId} required). A member: the groups they belong
     * to, optionally of one community.
     */
    Page<HelpGroup> list(Caller caller, UUID communityId, int page, int size) {
        UUID memberFilter;
        if (communityId != null && access.mayManage(caller, communityId)) {
            memberFilter = null;
        } else if (caller.member() != null) {
            memberFilter = caller.member();
        } else if (communityId == null) {
            throw new DomainRuleException("communityId", "staff list the help groups of one community");
        } else {
            throw new ForbiddenException("the help groups of community " + communityId + " are outside your scope");
        }
        List<HelpGroup> items = groups.ids(communityId, memberFilter, page, size).stream().map(this::require).toList();
        return Page.of(items, page, size, groups.count(communityId, memberFilter));
    }

    public HelpGroup require(UUID groupId) {
        return groups.find(groupId).orElseThrow(() -> NotFoundException.of("help group", groupId));
    }

    /** Staff in scope see the community's groups; anyone else only groups they belong to (else 404). */
    HelpGroup get(Caller caller, UUID groupId) {
        HelpGroup group = require(groupId);
        if (access.mayManage(caller, group.communityId()) || group.hasMember(caller.member())) {
            return group;
        }
        throw NotFoundException.of("help group", groupId);
    }

    private void requireLeadOrStaff(Caller caller, HelpGroup group) {
        boolean lead = group.leadMemberId().equals(caller.member());
        if (!lead && !access.mayManage(caller, group.communityId())) {
            throw new ForbiddenException("only the lead of help group " + group.id() + " or staff in scope may "
                    + "change its members");
        }
    }

    private void requireEligible(UUID memberId, UUID communityId, String field) {
        if (!directory.mayActIn(memberId, communityId)) {
            throw new DomainRuleException(field, "member " + memberId + " neither lives in community " + communityId
                    + " nor has an accepted member report (双报到) to it");
        }
    }
}
