package cn.zhangzhou.partybuilding.volunteering.team;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.events.DomainEvent;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.events.volunteering.JoinPolicy;
import cn.zhangzhou.partybuilding.events.volunteering.TeamBase;
import cn.zhangzhou.partybuilding.events.volunteering.TeamFormed;
import cn.zhangzhou.partybuilding.events.volunteering.TeamJoinDeclined;
import cn.zhangzhou.partybuilding.events.volunteering.TeamJoinRequested;
import cn.zhangzhou.partybuilding.events.volunteering.TeamMemberJoined;
import cn.zhangzhou.partybuilding.events.volunteering.TeamMemberLeft;
import cn.zhangzhou.partybuilding.messaging.Outbox;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;
import cn.zhangzhou.partybuilding.volunteering.brand.BrandProject;
import cn.zhangzhou.partybuilding.volunteering.brand.BrandProjectService;
import cn.zhangzhou.partybuilding.directory.MembershipDirectory;
import cn.zhangzhou.partybuilding.volunteering.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.volunteering.volunteer.Volunteer;
import cn.zhangzhou.partybuilding.volunteering.volunteer.VolunteerService;

/**
 * Volunteer teams (志愿服务队), formed freely by content and place. Staff in scope form one naming its lead; a member
 * forms one in a community they volunteer in and leads it. Members join at once (OPEN) or ask and wait for the lead or
 * staff (APPROVAL); the lead or staff add, approve, decline and remove; a member may leave; the lead stays. Everyone in
 * a team volunteers with a community inside the team's organisation.
 */
@Service
class TeamService {

    private final TeamStore teams;
    private final VolunteerService volunteers;
    private final BrandProjectService projects;
    private final MembershipDirectory directory;
    private final AccessPolicy access;
    private final Outbox outbox;
    private final Clock clock;

    TeamService(TeamStore teams, VolunteerService volunteers, BrandProjectService projects,
                MembershipDirectory directory, AccessPolicy access, Outbox outbox, Clock clock) {
        this.teams = teams;
        this.volunteers = volunteers;
        this.projects = projects;
        this.directory = directory;
        this.access = access;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What a new team is: its content and place, its lead (staff name one; a member leads their own) and policy. */
    record Formation(String name, String content, TeamBase base, UUID organisationId, UUID brandProjectId,
                     UUID leadVolunteerId, JoinPolicy joinPolicy) {
    }

    @Transactional
    Team form(Caller caller, Formation f) {
        UUID organisation = organisationOf(f);
        UUID lead;
        if (access.mayManage(caller, organisation)) {
            if (f.leadVolunteerId() == null) {
                throw new DomainRuleException("leadVolunteerId", "staff forming a team name its lead");
            }
            lead = requireVolunteerWithin(f.leadVolunteerId(), organisation, "leadVolunteerId").id();
        } else if (f.base() == TeamBase.COMMUNITY) {
            lead = volunteers.actingMember(caller, organisation).id();
            if (f.leadVolunteerId() != null && !f.leadVolunteerId().equals(lead)) {
                throw new ForbiddenException("a member forms a team with themselves as its lead");
            }
        } else {
            throw new ForbiddenException("teams of a street or brand project are formed by staff in scope");
        }
        if (teams.nameTaken(organisation, f.name())) {
            throw new ConflictException("organisation " + organisation + " already has a team named " + f.name());
        }
        Team team = new Team(UUID.randomUUID(), f.name(), f.content(), f.base(), organisation, f.brandProjectId(), lead,
                f.joinPolicy(), 1, now(), null);
        teams.insert(team, caller.subject());
        outbox.append(new TeamFormed(team.id(), f.name(), f.base(), organisation, f.brandProjectId(), lead,
                f.joinPolicy()), 1);
        return require(team.id());
    }

    private UUID organisationOf(Formation f) {
        return switch (f.base()) {
            case COMMUNITY -> access.requireCommunity(f.organisationId(), "organisationId").id();
            case STREET -> access.requireOrganisation(f.organisationId(), "organisationId",
                    Set.of(OrganisationType.STREET_COMMITTEE)).id();
            case BRAND_PROJECT -> {
                if (f.brandProjectId() == null) {
                    throw new DomainRuleException("brandProjectId", "a BRAND_PROJECT team names its brand project");
                }
                BrandProject p = projects.require(f.brandProjectId());
                if (f.organisationId() != null && !f.organisationId().equals(p.organisationId())) {
                    throw new DomainRuleException("organisationId", "brand project " + p.id()
                            + " belongs to organisation " + p.organisationId());
                }
                yield p.organisationId();
            }
        };
    }

    /** A member joins (OPEN) or asks to (APPROVAL). */
    @Transactional
    Team join(Caller caller, UUID teamId) {
        Team t = locked(teamId);
        Volunteer v = t.base() == TeamBase.COMMUNITY ? volunteers.actingMember(caller, t.organisationId())
                : requireVolunteerWithin(volunteers.lockOwn(caller).id(), t.organisationId(), "teamId");
        requireOutside(t, v.id());
        if (t.joinPolicy() == JoinPolicy.OPEN) {
            teams.request(t.id(), v.id(), Team.Status.MEMBER, now(), caller.subject());
            return changed(t, new TeamMemberJoined(t.id(), v.id(), false));
        }
        teams.request(t.id(), v.id(), Team.Status.PENDING, now(), caller.subject());
        return changed(t, new TeamJoinRequested(t.id(), v.id()));
    }

    /** The lead or staff add a volunteer at once, whatever the policy. */
    @Transactional
    Team add(Caller caller, UUID teamId, UUID volunteerId) {
        Team t = ledBy(caller, teamId);
        requireVolunteerWithin(volunteerId, t.organisationId(), "volunteerId");
        requireOutside(t, volunteerId);
        teams.request(t.id(), volunteerId, Team.Status.MEMBER, now(), caller.subject());
        return changed(t, new TeamMemberJoined(t.id(), volunteerId, false));
    }

    @Transactional
    Team approve(Caller caller, UUID teamId, UUID volunteerId) {
        Team t = pending(caller, teamId, volunteerId);
        teams.decide(t.id(), volunteerId, Team.Status.MEMBER, now(), caller.subject(), null);
        return changed(t, new TeamMemberJoined(t.id(), volunteerId, true));
    }

    @Transactional
    Team decline(Caller caller, UUID teamId, UUID volunteerId, String reason) {
        Team t = pending(caller, teamId, volunteerId);
        teams.decide(t.id(), volunteerId, Team.Status.DECLINED, now(), caller.subject(), reason);
        return changed(t, new TeamJoinDeclined(t.id(), volunteerId, reason));
    }

    /** A member leaves; the lead or staff remove someone. The lead cannot go (409): a team always has its lead. */
    @Transactional
    Team leave(Caller caller, UUID teamId, UUID volunteerId) {
        Team t = locked(teamId);
        boolean self = volunteerId.equals(caller.member());
        if (!self && !isLeadOrStaff(caller, t)) {
            throw new ForbiddenException("only the lead of team " + teamId + " or staff in scope remove its members");
        }
        if (volunteerId.equals(t.leadVolunteerId())) {
            throw new ConflictException("volunteer " + volunteerId + " leads team " + teamId + " and cannot leave it");
        }
        if (t.statusOf(volunteerId) != Team.Status.MEMBER) {
            throw new ConflictException("volunteer " + volunteerId + " is not a member of team " + teamId);
        }
        teams.decide(t.id(), volunteerId, Team.Status.LEFT, now(), caller.subject(), null);
        return changed(t, new TeamMemberLeft(t.id(), volunteerId, !self));
    }

    Team get(Caller caller, UUID id) {
        Team t = require(id);
        access.requireReader(caller, t.organisationId());
        return t;
    }

    Page<Team> list(Caller caller, UUID organisationId, int page, int size) {
        return teams.of(access.readableSubtree(caller, organisationId), page, size);
    }

    private Team require(UUID id) {
        return teams.find(id).orElseThrow(() -> NotFoundException.of("team", id));
    }

    private Team locked(UUID id) {
        return teams.lock(id).orElseThrow(() -> NotFoundException.of("team", id));
    }

    private Team ledBy(Caller caller, UUID teamId) {
        Team t = locked(teamId);
        if (!isLeadOrStaff(caller, t)) {
            throw new ForbiddenException("only the lead of team " + teamId + " or staff in scope may do this");
        }
        return t;
    }

    private Team pending(Caller caller, UUID teamId, UUID volunteerId) {
        Team t = ledBy(caller, teamId);
        if (t.statusOf(volunteerId) != Team.Status.PENDING) {
            throw new ConflictException("volunteer " + volunteerId + " has no pending request to join team " + teamId
                    + " (" + t.statusOf(volunteerId) + ")");
        }
        return t;
    }

    private boolean isLeadOrStaff(Caller caller, Team t) {
        return t.leadVolunteerId().equals(caller.member()) || access.mayManage(caller, t.organisationId());
    }

    private static void requireOutside(Team t, UUID volunteerId) {
        Team.Status status = t.statusOf(volunteerId);
        if (status == Team.Status.MEMBER || status == Team.Status.PENDING) {
            throw new ConflictException("volunteer " + volunteerId + " is already " + status + " of team " + t.id());
        }
    }

    private Volunteer requireVolunteerWithin(UUID volunteerId, UUID organisationId, String field) {
        Volunteer v = volunteers.require(volunteerId);
        if (!directory.isWithin(v.communityId(), organisationId)) {
            throw new DomainRuleException(field, "volunteer " + volunteerId + " volunteers with community "
                    + v.communityId() + ", outside organisation " + organisationId);
        }
        return v;
    }

    private Team changed(Team before, DomainEvent event) {
        outbox.append(event, before.version() + 1);
        return require(before.id());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
