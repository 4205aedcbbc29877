package cn.zhangzhou.partybuilding.volunteering.post;

import static cn.zhangzhou.partybuilding.volunteering.VolunteeringProperties.dayOf;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.events.volunteering.PostClaimWithdrawn;
import cn.zhangzhou.partybuilding.events.volunteering.PostClaimed;
import cn.zhangzhou.partybuilding.events.volunteering.PostClosed;
import cn.zhangzhou.partybuilding.events.volunteering.PostPublished;
import cn.zhangzhou.partybuilding.events.volunteering.PostPublisher;
import cn.zhangzhou.partybuilding.events.volunteering.Requirement;
import cn.zhangzhou.partybuilding.events.volunteering.ScheduleKind;
import cn.zhangzhou.partybuilding.messaging.Outbox;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;
import cn.zhangzhou.partybuilding.volunteering.VolunteeringProperties;
import cn.zhangzhou.partybuilding.volunteering.campaign.CampaignService;
import cn.zhangzhou.partybuilding.directory.MembershipDirectory;
import cn.zhangzhou.partybuilding.volunteering.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.volunteering.volunteer.Volunteer;
import cn.zhangzhou.partybuilding.volunteering.volunteer.VolunteerService;

/**
 * Service posts (岗位) and members' claims (党员认岗). Staff publish a post for their community or for a resident unit
 * (驻区单位) reported to it; members who volunteer in the community claim it while places are free, with the specialty
 * or valid qualification it asks for, never two FIXED shifts that overlap (409 naming the other post and its time).
 */
@Service
public class PostService {

    /** A FIXED shift is served in one go: at most a day, like an activity. */
    static final Duration LONGEST_SHIFT = Duration.ofHours(24);

    private final PostStore posts;
    private final VolunteerService volunteers;
    private final CampaignService campaigns;
    private final MembershipDirectory directory;
    private final AccessPolicy access;
    private final Outbox outbox;
    private final Clock clock;
    private final Map<String, String> specialties;

    PostService(PostStore posts, VolunteerService volunteers, CampaignService campaigns, MembershipDirectory directory,
                AccessPolicy access, Outbox outbox, Clock clock, VolunteeringProperties properties) {
        this.posts = posts;
        this.volunteers = volunteers;
        this.campaigns = campaigns;
        this.directory = directory;
        this.access = access;
        this.outbox = outbox;
        this.clock = clock;
        this.specialties = properties.volunteering().specialties();
    }

    /** What a new post is; {@code publisher UNIT} names the unit. */
    record Publication(UUID communityId, PostPublisher publisher, UUID unitId, String title, String description,
                       String place, String specialty, Requirement requirement, ScheduleKind schedule,
                       Instant startsAt, Instant endsAt, Integer hoursBudget, int capacity, UUID campaignId) {
    }

    @Transactional
    Post publish(Caller caller, Publication p) {
        access.requireCommunity(p.communityId(), "communityId");
        access.requireManage(caller, p.communityId());
        if ((p.publisher() == PostPublisher.UNIT) != (p.unitId() != null)) {
            throw new DomainRuleException("unitId", "a UNIT post names its resident unit (unitId); a COMMUNITY post none");
        }
        if (p.unitId() != null && !directory.unitReportedTo(p.unitId(), p.communityId())) {
            throw new DomainRuleException("unitId", "unit " + p.unitId() + " has no accepted unit report (单位报到) to "
                    + "community " + p.communityId());
        }
        if (p.specialty() != null && !specialties.containsKey(p.specialty())) {
            throw new DomainRuleException("specialty", "unknown specialty " + p.specialty() + "; the district's list is "
                    + specialties.keySet());
        }
        if (p.requirement() != Requirement.NONE && p.specialty() == null) {
            throw new DomainRuleException("specialty", "a post requiring " + p.requirement() + " names the specialty");
        }
        checkSchedule(p);
        UUID campaign = campaigns.requireFor(p.campaignId(), p.communityId(), dayOf(p.startsAt()));
        Post post = new Post(UUID.randomUUID(), p.communityId(), p.publisher(), p.unitId(), p.title(), p.description(),
                p.place(), p.specialty(), p.requirement(), p.schedule(), p.startsAt(), p.endsAt(), p.hoursBudget(),
                p.capacity(), campaign, Post.Status.OPEN, 1, now(), null, 0);
        posts.insert(post, caller.subject());
        outbox.append(new PostPublished(post.id(), p.communityId(), p.publisher(), p.unitId(), p.title(), p.specialty(),
                p.requirement(), p.schedule(), p.startsAt(), p.endsAt(), p.hoursBudget(), p.capacity(), campaign), 1);
        return require(post.id());
    }

    private void checkSchedule(Publication p) {
        boolean hasEnd = p.schedule() != ScheduleKind.OPEN_ENDED;
        if (hasEnd != (p.endsAt() != null)) {
            throw new DomainRuleException("endsAt", hasEnd ? p.schedule() + " posts end (endsAt)" : "an OPEN_ENDED post "
                    + "has no end");
        }
        if ((p.schedule() == ScheduleKind.FLEXIBLE) != (p.hoursBudget() != null)) {
            throw new DomainRuleException("hoursBudget", "FLEXIBLE posts, and only they, give the hours asked of each "
                    + "claimer in their window (hoursBudget)");
        }
        if (hasEnd && !p.endsAt().isAfter(p.startsAt())) {
            throw new DomainRuleException("endsAt", "must be after startsAt");
        }
        if (hasEnd && !p.endsAt().isAfter(now())) {
            throw new DomainRuleException("endsAt", "the post would be over already");
        }
        if (p.schedule() == ScheduleKind.FIXED && Duration.between(p.startsAt(), p.endsAt()).compareTo(LONGEST_SHIFT) > 0) {
            throw new DomainRuleException("endsAt", "a FIXED shift lasts at most " + LONGEST_SHIFT.toHours()
                    + " hours; publish a FLEXIBLE post for longer");
        }
    }

    /**
     * A member claims the post (认岗). The volunteer's row is locked first (their claims happen one at a time, so the
     * clash check holds), then the post's (its claims happen one at a time, so the capacity holds).
     */
    @Transactional
    Post.Claim claim(Caller caller, UUID postId) {
        Volunteer v = volunteers.actingMember(caller, require(postId).communityId());
        volunteers.lock(v.id());
        Post p = locked(postId);
        if (p.status() != Post.Status.OPEN) {
            throw new ConflictException("post " + postId + " is " + p.status() + "; it takes no claims");
        }
        if (p.endsAt() != null && !now().isBefore(p.endsAt())) {
            throw new ConflictException("post " + postId + " ended at " + p.endsAt());
        }
        requireFit(v, p);
        if (posts.activeClaim(postId, v.id()).isPresent()) {
            throw new ConflictException("volunteer " + v.id() + " already holds a claim on post " + postId);
        }
        if (p.claimed() >= p.capacity()) {
            throw new ConflictException("post " + postId + " is full: " + p.capacity() + " of " + p.capacity()
                    + " places are claimed");
        }
        if (p.schedule() == ScheduleKind.FIXED) {
            posts.clash(v.id(), p.startsAt(), p.endsAt()).ifPresent(other -> {
                throw new ConflictException("the shift of post " + postId + " (" + p.startsAt() + " to " + p.endsAt()
                        + ") overlaps your claimed post " + other.id() + " \"" + other.title() + "\" from "
                        + other.startsAt() + " to " + other.endsAt());
            });
        }
        Post.Claim claim = new Post.Claim(UUID.randomUUID(), postId, v.id(), "ACTIVE", now(), null, null);
        posts.insertClaim(claim);
        outbox.append(new PostClaimed(postId, p.communityId(), claim.id(), v.id(), v.district()), p.version() + 1);
        return claim;
    }

    /** The post's specialty where it asks for one; with a qualification verified and valid on the day it starts. */
    private void requireFit(Volunteer v, Post p) {
        Instant from = p.startsAt().isAfter(now()) ? p.startsAt() : now();
        LocalDate day = dayOf(from);
        boolean fits = switch (p.requirement()) {
            case NONE -> true;
            case SPECIALTY -> v.has(p.specialty(), null);
            case QUALIFICATION -> v.has(p.specialty(), day);
        };
        if (!fits) {
            throw new DomainRuleException("requirement", "post " + p.id() + " asks for specialty " + p.specialty()
                    + (p.requirement() == Requirement.QUALIFICATION ? " with a qualification verified and valid on " + day
                    : "") + "; volunteer " + v.id() + " has not registered it so");
        }
    }

    /** The member withdraws their claim, or staff in scope end it. */
    @Transactional
    Post.Claim withdraw(Caller caller, UUID postId, UUID claimId) {
        Post p = locked(postId);
        Post.Claim claim = posts.claim(claimId).filter(c -> c.postId().equals(postId))
                .orElseThrow(() -> NotFoundException.of("claim of post " + postId, claimId));
        boolean staff = access.mayManage(caller, p.communityId());
        if (!staff && !claim.volunteerId().equals(caller.member())) {
            throw new ForbiddenException("only the claiming member or staff in scope end claim " + claimId);
        }
        if (!"ACTIVE".equals(claim.status())) {
            throw new ConflictException("claim " + claimId + " is " + claim.status());
        }
        posts.withdraw(claim, now(), caller.subject());
        outbox.append(new PostClaimWithdrawn(postId, p.communityId(), claimId, claim.volunteerId(), staff),
                p.version() + 1);
        return posts.claim(claimId).orElseThrow();
    }

    @Transactional
    Post close(Caller caller, UUID postId, long version, String reason) {
        Post p = locked(postId);
        access.requireManage(caller, p.communityId());
        if (p.version() != version) {
            throw ConflictException.staleVersion("post", postId, version);
        }
        if (p.status() != Post.Status.OPEN) {
            throw new ConflictException("post " + postId + " is " + p.status() + " already");
        }
        posts.close(postId, now(), reason);
        outbox.append(new PostClosed(postId, p.communityId(), reason), p.version() + 1);
        return require(postId);
    }

    public Post require(UUID id) {
        return posts.find(id).orElseThrow(() -> NotFoundException.of("post", id));
    }

    /** Whether the volunteer holds an active claim on the post: who may check in to it and claim hours on it. */
    public boolean holdsClaim(UUID postId, UUID volunteerId) {
        return posts.activeClaim(postId, volunteerId).isPresent();
    }

    Post get(Caller caller, UUID id) {
        Post p = require(id);
        access.requireReader(caller, p.communityId());
        return p;
    }

    Page<Post> list(Caller caller, UUID organisationId, Post.Status status, UUID campaignId, int page, int size) {
        return posts.of(access.readableSubtree(caller, organisationId), status, campaignId, page, size);
    }

    Page<Post.Claim> claimsOn(Caller caller, UUID postId, int page, int size) {
        access.requireManage(caller, require(postId).communityId());
        return posts.claimsOn(postId, page, size);
    }

    Page<Post.ClaimedPost> claimsOf(Caller caller, UUID volunteerId, int page, int size) {
        return posts.claimsOf(volunteers.requireSelfOrStaff(caller, volunteerId).id(), page, size);
    }

    private Post locked(UUID id) {
        return posts.lock(id).orElseThrow(() -> NotFoundException.of("post", id));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
