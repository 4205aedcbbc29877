package cn.zhangzhou.partybuilding.volunteering.activity;

import static cn.zhangzhou.partybuilding.volunteering.VolunteeringProperties.dayOf;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.events.volunteering.ActivityCancelled;
import cn.zhangzhou.partybuilding.events.volunteering.ActivityKind;
import cn.zhangzhou.partybuilding.events.volunteering.ActivityScheduled;
import cn.zhangzhou.partybuilding.events.volunteering.ActivitySignUpCancelled;
import cn.zhangzhou.partybuilding.events.volunteering.ActivitySignUpPromoted;
import cn.zhangzhou.partybuilding.events.volunteering.ActivitySignedUp;
import cn.zhangzhou.partybuilding.events.volunteering.SignUpStatus;
import cn.zhangzhou.partybuilding.messaging.Outbox;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;
import cn.zhangzhou.partybuilding.volunteering.VolunteeringProperties;
import cn.zhangzhou.partybuilding.volunteering.campaign.CampaignService;
import cn.zhangzhou.partybuilding.volunteering.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.volunteering.volunteer.Volunteer;
import cn.zhangzhou.partybuilding.volunteering.volunteer.VolunteerService;

/**
 * Activities and trainings (培训) of a community: staff schedule them with a capacity and a cancellation deadline;
 * members sign up themselves, staff sign up any volunteer (a resident without the app). Every sign-up takes the
 * activity's row lock, so of many at once exactly {@code capacity} get a place and the rest queue in the order they
 * got the lock; a cancelled place goes to the first in the queue.
 */
@Service
public class ActivityService {

    /** An activity happens in one go: at most a day. */
    static final Duration LONGEST = Duration.ofHours(24);

    private final ActivityStore activities;
    private final VolunteerService volunteers;
    private final CampaignService campaigns;
    private final AccessPolicy access;
    private final Outbox outbox;
    private final Clock clock;
    private final Map<String, String> specialties;

    ActivityService(ActivityStore activities, VolunteerService volunteers, CampaignService campaigns,
                    AccessPolicy access, Outbox outbox, Clock clock, VolunteeringProperties properties) {
        this.activities = activities;
        this.volunteers = volunteers;
        this.campaigns = campaigns;
        this.access = access;
        this.outbox = outbox;
        this.clock = clock;
        this.specialties = properties.volunteering().specialties();
    }

    /** What a new activity is. */
    record Schedule(UUID communityId, ActivityKind kind, String title, String description, String place,
                    String specialty, Instant startsAt, Instant endsAt, int capacity, Instant cancellationDeadline,
                    UUID campaignId) {
    }

    @Transactional
    Activity schedule(Caller caller, Schedule s) {
        access.requireCommunity(s.communityId(), "communityId");
        access.requireManage(caller, s.communityId());
        if (s.specialty() != null && !specialties.containsKey(s.specialty())) {
            throw new DomainRuleException("specialty", "unknown specialty " + s.specialty());
        }
        if (!s.endsAt().isAfter(s.startsAt()) || Duration.between(s.startsAt(), s.endsAt()).compareTo(LONGEST) > 0) {
            throw new DomainRuleException("endsAt", "must be after startsAt, at most " + LONGEST.toHours() + " hours");
        }
        if (!s.startsAt().isAfter(now())) {
            throw new DomainRuleException("startsAt", "must be in the future");
        }
        if (s.cancellationDeadline().isAfter(s.startsAt())) {
            throw new DomainRuleException("cancellationDeadline", "must not be after startsAt");
        }
        UUID campaign = campaigns.requireFor(s.campaignId(), s.communityId(), dayOf(s.startsAt()));
        Activity a = new Activity(UUID.randomUUID(), s.communityId(), s.kind(), s.title(), s.description(), s.place(),
                s.specialty(), s.startsAt(), s.endsAt(), s.capacity(), s.cancellationDeadline(), campaign,
                Activity.Status.SCHEDULED, 1, now(), null, 0, 0);
        activities.insert(a, caller.subject());
        outbox.append(new ActivityScheduled(a.id(), s.communityId(), s.kind(), s.title(), s.specialty(), s.startsAt(),
                s.endsAt(), s.capacity(), s.cancellationDeadline(), campaign), 1);
        return require(a.id());
    }

    /**
     * Signs a volunteer up: a member themselves ({@code volunteerId} null or their own), or staff in scope any
     * registered volunteer. A place if one is free, else the end of the waiting list.
     */
    @Transactional
    Activity.SignUp signUp(Caller caller, UUID activityId, UUID volunteerId) {
        Activity before = require(activityId);
        Volunteer v;
        if (volunteerId == null || volunteerId.equals(caller.member())) {
            v = volunteers.actingMember(caller, before.communityId());
        } else {
            access.requireManage(caller, before.communityId());
            v = volunteers.require(volunteerId);
        }
        Activity a = locked(activityId);
        if (a.status() != Activity.Status.SCHEDULED || !now().isBefore(a.startsAt())) {
            throw new ConflictException("activity " + activityId + " is " + (a.status() == Activity.Status.SCHEDULED
                    ? "under way or over" : a.status()) + "; it takes no sign-ups");
        }
        if (activities.activeSignUp(activityId, v.id()).isPresent()) {
            throw new ConflictException("volunteer " + v.id() + " is signed up to activity " + activityId + " already");
        }
        SignUpStatus status = a.confirmed() < a.capacity() ? SignUpStatus.CONFIRMED : SignUpStatus.WAITING;
        UUID id = UUID.randomUUID();
        activities.insertSignUp(id, activityId, v.id(), status, now());
        Activity.SignUp signUp = activities.signUp(id).orElseThrow();
        outbox.append(new ActivitySignedUp(activityId, a.communityId(), id, v.id(), status, signUp.waitingPosition()),
                a.version() + 1);
        return signUp;
    }

    /**
     * The volunteer, or staff in scope, cancel a sign-up until the cancellation deadline. A place it held goes to the
     * first on the waiting list.
     */
    @Transactional
    Activity.SignUp cancelSignUp(Caller caller, UUID activityId, UUID signUpId) {
        Activity a = locked(activityId);
        Activity.SignUp s = activities.signUp(signUpId).filter(x -> x.activityId().equals(activityId))
                .orElseThrow(() -> NotFoundException.of("sign-up to activity " + activityId, signUpId));
        if (!s.volunteerId().equals(caller.member()) && !access.mayManage(caller, a.communityId())) {
            throw new ForbiddenException("only the volunteer or staff in scope cancel sign-up " + signUpId);
        }
        if ("CANCELLED".equals(s.status())) {
            throw new ConflictException("sign-up " + signUpId + " is cancelled already");
        }
        if (now().isAfter(a.cancellationDeadline())) {
            throw new DomainRuleException("cancellationDeadline", "sign-ups to activity " + activityId
                    + " could be cancelled until " + a.cancellationDeadline());
        }
        SignUpStatus previous = SignUpStatus.valueOf(s.status());
        activities.cancelSignUp(s, now(), caller.subject());
        outbox.append(new ActivitySignUpCancelled(activityId, a.communityId(), signUpId, s.volunteerId(), previous),
                a.version() + 1);
        if (previous == SignUpStatus.CONFIRMED && a.status() == Activity.Status.SCHEDULED) {
            activities.firstWaiting(activityId).ifPresent(next -> {
                activities.promote(next, now());
                outbox.append(new ActivitySignUpPromoted(activityId, a.communityId(), next.id(), next.volunteerId()),
                        a.version() + 2);
            });
        }
        return activities.signUp(signUpId).orElseThrow();
    }

    @Transactional
    Activity cancel(Caller caller, UUID activityId, long version, String reason) {
        Activity a = locked(activityId);
        access.requireManage(caller, a.communityId());
        if (a.version() != version) {
            throw ConflictException.staleVersion("activity", activityId, version);
        }
        if (a.status() != Activity.Status.SCHEDULED) {
            throw new ConflictException("activity " + activityId + " is " + a.status() + " already");
        }
        activities.cancel(activityId, now(), reason);
        outbox.append(new ActivityCancelled(activityId, a.communityId(), reason), a.version() + 1);
        return require(activityId);
    }

    public Activity require(UUID id) {
        return activities.find(id).orElseThrow(() -> NotFoundException.of("activity", id));
    }

    /** Whether the volunteer holds a place: who may check in to the activity and claim hours on it. */
    public boolean holdsPlace(UUID activityId, UUID volunteerId) {
        return activities.activeSignUp(activityId, volunteerId).filter(s -> "CONFIRMED".equals(s.status())).isPresent();
    }

    Activity get(Caller caller, UUID id) {
        Activity a = require(id);
        access.requireReader(caller, a.communityId());
        return a;
    }

    Page<Activity> list(Caller caller, UUID organisationId, ActivityKind kind, UUID campaignId, int page, int size) {
        return activities.of(access.readableSubtree(caller, organisationId), kind, campaignId, page, size);
    }

    Page<Activity.SignUp> signUpsTo(Caller caller, UUID activityId, String status, int page, int size) {
        access.requireManage(caller, require(activityId).communityId());
        return activities.signUpsTo(activityId, status, page, size);
    }

    Page<Activity.SignedUpActivity> signUpsOf(Caller caller, UUID volunteerId, int page, int size) {
        return activities.signUpsOf(volunteers.requireSelfOrStaff(caller, volunteerId).id(), page, size);
    }

    private Activity locked(UUID id) {
        return activities.lock(id).orElseThrow(() -> NotFoundException.of("activity", id));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
