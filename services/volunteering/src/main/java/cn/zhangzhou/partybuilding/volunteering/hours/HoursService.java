package cn.zhangzhou.partybuilding.volunteering.hours;

import static cn.zhangzhou.partybuilding.volunteering.VolunteeringProperties.dayOf;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.events.volunteering.ActivityKind;
import cn.zhangzhou.partybuilding.events.volunteering.CheckedIn;
import cn.zhangzhou.partybuilding.events.volunteering.HoursAppealed;
import cn.zhangzhou.partybuilding.events.volunteering.HoursApproved;
import cn.zhangzhou.partybuilding.events.volunteering.HoursClaimed;
import cn.zhangzhou.partybuilding.events.volunteering.HoursDeclined;
import cn.zhangzhou.partybuilding.events.volunteering.HoursSource;
import cn.zhangzhou.partybuilding.events.volunteering.ScheduleKind;
import cn.zhangzhou.partybuilding.events.volunteering.ShiftKind;
import cn.zhangzhou.partybuilding.messaging.Outbox;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;
import cn.zhangzhou.partybuilding.volunteering.VolunteeringProperties;
import cn.zhangzhou.partybuilding.volunteering.activity.Activity;
import cn.zhangzhou.partybuilding.volunteering.activity.ActivityService;
import cn.zhangzhou.partybuilding.volunteering.post.Post;
import cn.zhangzhou.partybuilding.volunteering.post.PostService;
import cn.zhangzhou.partybuilding.volunteering.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.volunteering.volunteer.Volunteer;
import cn.zhangzhou.partybuilding.volunteering.volunteer.VolunteerService;

/**
 * Verified hours. A volunteer with a claim on a post (or a place at an activity) checks in and out of its shift with
 * the code staff show at the door; the minutes between, inside the shift (and a FLEXIBLE post's budget), are
 * verified. Hours served without check-in are claimed with a reason and count only once staff other than the one who
 * submitted them approve; a decline is kept and may be appealed once. Nothing else ever counts.
 */
@Service
class HoursService {

    /** One entry never counts more than a day. */
    static final int MAX_MINUTES = 1440;

    /** A shift of a post or an activity, as check-in and hours see it. */
    record Shift(ShiftKind kind, UUID id, UUID communityId, Instant startsAt, Instant endsAt, Integer hoursBudget,
                 boolean training, String specialty, UUID campaignId, boolean open, boolean once) {

        static Shift of(Post p) {
            return new Shift(ShiftKind.POST, p.id(), p.communityId(), p.startsAt(), p.endsAt(), p.hoursBudget(), false,
                    p.specialty(), p.campaignId(), p.status() == Post.Status.OPEN, p.schedule() == ScheduleKind.FIXED);
        }

        static Shift of(Activity a) {
            return new Shift(ShiftKind.ACTIVITY, a.id(), a.communityId(), a.startsAt(), a.endsAt(), null,
                    a.kind() == ActivityKind.TRAINING, a.specialty(), a.campaignId(),
                    a.status() == Activity.Status.SCHEDULED, true);
        }

        /** Minutes of {@code from}–{@code to} inside the shift. */
        long minutesInside(Instant from, Instant to) {
            Instant start = from.isAfter(startsAt) ? from : startsAt;
            Instant end = endsAt != null && to.isAfter(endsAt) ? endsAt : to;
            return end.isAfter(start) ? Duration.between(start, end).toMinutes() : 0;
        }

        Long budgetMinutes() {
            return hoursBudget == null ? null : hoursBudget * 60L;
        }
    }

    /** The code for the door: the digits, the window it is valid in, and what the QR image carries. */
    record CodeView(ShiftKind shiftKind, UUID shiftId, String code, Instant validFrom, Instant validUntil,
                    String qrText) {
    }

    /** An entry as answered over HTTP: its fields, and its decisions. */
    record HoursView(@JsonUnwrapped Hours hours, List<Hours.Decision> decisions) {
    }

    private final HoursStore hours;
    private final CheckInCodes codes;
    private final VolunteerService volunteers;
    private final PostService posts;
    private final ActivityService activities;
    private final AccessPolicy access;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration early;

    HoursService(HoursStore hours, CheckInCodes codes, VolunteerService volunteers, PostService posts,
                 ActivityService activities, AccessPolicy access, Outbox outbox, Clock clock,
                 VolunteeringProperties properties) {
        this.hours = hours;
        this.codes = codes;
        this.volunteers = volunteers;
        this.posts = posts;
        this.activities = activities;
        this.access = access;
        this.outbox = outbox;
        this.clock = clock;
        this.early = properties.volunteering().checkIn().early();
    }

    /** Staff in scope: the shift's current code, shown at the door (as digits or as a QR image). */
    CodeView code(Caller caller, ShiftKind kind, UUID shiftId) {
        Shift s = shift(kind, shiftId);
        access.requireManage(caller, s.communityId());
        CheckInCodes.Code c = codes.current(kind, shiftId, now());
        String qr = "{\"district\":\"" + access.district() + "\",\"shiftKind\":\"" + kind + "\",\"shiftId\":\""
                + shiftId + "\",\"code\":\"" + c.code() + "\"}";
        return new CodeView(kind, shiftId, c.code(), c.validFrom(), c.validUntil(), qr);
    }

    byte[] qrPng(Caller caller, ShiftKind kind, UUID shiftId) {
        return CheckInCodes.qrPng(code(caller, kind, shiftId).qrText());
    }

    /** The member checks in to a shift they hold a claim or place on, with the code of this window, once per code. */
    @Transactional
    HoursView checkIn(Caller caller, ShiftKind kind, UUID shiftId, String code) {
        Volunteer v = volunteers.lockOwn(caller);
        Shift s = shift(kind, shiftId);
        requireHeld(v, kind, shiftId);
        Instant now = now();
        if (!s.open() || now.isBefore(s.startsAt().minus(early)) || (s.endsAt() != null && !now.isBefore(s.endsAt()))) {
            throw new DomainRuleException("shiftId", kind + " " + shiftId + " is not open for check-in now: from "
                    + s.startsAt().minus(early) + (s.endsAt() == null ? "" : " to " + s.endsAt()));
        }
        long window = requireCode(s, code, now);
        if (hours.open(v.id(), shiftId).isPresent()) {
            throw new ConflictException("volunteer " + v.id() + " is checked in to " + kind + " " + shiftId + " already");
        }
        if (s.once() && hours.standing(v.id(), shiftId) > 0) {
            throw new ConflictException("volunteer " + v.id() + " has served " + kind + " " + shiftId + " already");
        }
        if (s.budgetMinutes() != null && hours.minutesTaken(v.id(), shiftId) >= s.budgetMinutes()) {
            throw new DomainRuleException("shiftId", "the " + s.hoursBudget() + " hours post " + shiftId
                    + " asks of each claimer are served");
        }
        useCode(v, s, window, "CHECK_IN");
        Hours h = new Hours(UUID.randomUUID(), v.id(), s.communityId(), kind, shiftId, s.training(), s.specialty(),
                s.campaignId(), HoursSource.CHECK_IN, Hours.Status.OPEN, now, null,
                dayOf(now.isAfter(s.startsAt()) ? now : s.startsAt()), 0, false, caller.subject(), 1);
        hours.insert(h, now, null);
        outbox.append(new CheckedIn(h.id(), v.id(), s.communityId(), kind, shiftId), 1);
        return view(h.id());
    }

    /** The member checks out with the code of this window: the minutes inside the shift (and budget) are verified. */
    @Transactional
    HoursView checkOut(Caller caller, ShiftKind kind, UUID shiftId, String code) {
        Volunteer v = volunteers.lockOwn(caller);
        Shift s = shift(kind, shiftId);
        Hours h = hours.open(v.id(), shiftId).orElseThrow(() -> new ConflictException("volunteer " + v.id()
                + " is not checked in to " + kind + " " + shiftId));
        Instant now = now();
        long window = requireCode(s, code, now);
        long minutes = Math.min(s.minutesInside(h.checkedInAt(), now), MAX_MINUTES);
        if (s.budgetMinutes() != null) {
            minutes = Math.min(minutes, s.budgetMinutes() - hours.minutesTaken(v.id(), shiftId));
        }
        if (minutes < 1) {
            throw new DomainRuleException("shiftId", "no minute of " + kind + " " + shiftId + " served yet (it starts "
                    + s.startsAt() + "); check out once you served");
        }
        useCode(v, s, window, "CHECK_OUT");
        hours.checkOut(h, now, (int) minutes, caller.subject());
        approved(v, hours.find(h.id()).orElseThrow());
        return view(h.id());
    }

    /**
     * Hours served without check-in: the member for themselves, or staff in scope for a volunteer (a resident without
     * the app). They wait for another staff member's approval.
     */
    @Transactional
    HoursView claim(Caller caller, UUID volunteerId, ShiftKind kind, UUID shiftId, LocalDate servedOn, int minutes,
               String reason) {
        Volunteer v = volunteerId == null || volunteerId.equals(caller.member()) ? volunteers.lockOwn(caller)
                : volunteers.lock(volunteerId);
        // Named in the body: a shift this district does not hold is 422 naming shiftId, as one they did not hold.
        requireHeld(v, kind, shiftId);
        Shift s = shift(kind, shiftId);
        if (!v.id().equals(caller.member()) && !access.mayManage(caller, s.communityId())) {
            throw new ForbiddenException("only the volunteer or staff in scope claim hours for volunteer " + v.id());
        }
        LocalDate first = dayOf(s.startsAt());
        LocalDate last = s.endsAt() == null ? dayOf(now()) : dayOf(s.endsAt().minusNanos(1));
        if (servedOn.isBefore(first) || servedOn.isAfter(last) || servedOn.isAfter(dayOf(now()))) {
            throw new DomainRuleException("servedOn", "the shift of " + kind + " " + shiftId + " runs from " + first
                    + " to " + last + " and the day must not be in the future");
        }
        if (s.once() && hours.standing(v.id(), shiftId) > 0) {
            throw new ConflictException("volunteer " + v.id() + " has hours on " + kind + " " + shiftId + " already");
        }
        if (s.once() && minutes > Duration.between(s.startsAt(), s.endsAt()).toMinutes()) {
            throw new DomainRuleException("minutes", kind + " " + shiftId + " lasts "
                    + Duration.between(s.startsAt(), s.endsAt()).toMinutes() + " minutes");
        }
        if (s.budgetMinutes() != null && hours.minutesTaken(v.id(), shiftId) + minutes > s.budgetMinutes()) {
            throw new DomainRuleException("minutes", "post " + shiftId + " asks " + s.hoursBudget()
                    + " hours of each claimer; these minutes would go beyond them");
        }
        Instant now = now();
        Hours h = new Hours(UUID.randomUUID(), v.id(), s.communityId(), kind, shiftId, s.training(), s.specialty(),
                s.campaignId(), HoursSource.CLAIM, Hours.Status.PENDING, null, null, servedOn, minutes, false,
                caller.subject(), 1);
        hours.insert(h, now, reason);
        outbox.append(new HoursClaimed(h.id(), v.id(), s.communityId(), kind, shiftId, minutes, servedOn, reason), 1);
        return view(h.id());
    }

    @Transactional
    HoursView approve(Caller caller, UUID id, long version) {
        Hours h = decided(caller, id, version, Hours.Transition.APPROVE, null);
        approved(volunteers.require(h.volunteerId()), hours.find(id).orElseThrow());
        return view(id);
    }

    @Transactional
    HoursView decline(Caller caller, UUID id, long version, String reason) {
        Hours h = decided(caller, id, version, Hours.Transition.DECLINE, reason);
        outbox.append(new HoursDeclined(id, h.volunteerId(), h.communityId(), reason), h.version() + 1);
        return view(id);
    }

    /** The volunteer (or staff in scope, for a resident) appeal a decline, once. */
    @Transactional
    HoursView appeal(Caller caller, UUID id, long version, String reason) {
        Hours h = hours.lock(id).orElseThrow(() -> NotFoundException.of("hours", id));
        if (!volunteers.isSelfOrStaffFor(caller, volunteers.require(h.volunteerId()))) {
            throw new ForbiddenException("only the volunteer or staff in scope appeal hours " + id);
        }
        requireVersion(h, version);
        Hours.Transition.APPEAL.check(h);
        if (h.appealed()) {
            throw new ConflictException("hours " + id + " were appealed once already; the decline stands");
        }
        hours.decide(h, Hours.Transition.APPEAL, now(), caller.subject(), reason);
        outbox.append(new HoursAppealed(id, h.volunteerId(), h.communityId(), reason), h.version() + 1);
        return view(id);
    }

    /** Staff in scope decide, never on hours they submitted themselves. */
    private Hours decided(Caller caller, UUID id, long version, Hours.Transition t, String reason) {
        Hours h = hours.lock(id).orElseThrow(() -> NotFoundException.of("hours", id));
        access.requireManage(caller, h.communityId());
        requireVersion(h, version);
        t.check(h);
        if (h.submittedBy().equals(caller.subject())) {
            throw new ForbiddenException("hours " + id + " were submitted by you; another staff member decides on them");
        }
        hours.decide(h, t, now(), caller.subject(), reason);
        return h;
    }

    private void approved(Volunteer v, Hours h) {
        outbox.append(new HoursApproved(h.id(), v.id(), v.kind(), v.district(), h.communityId(), h.shiftKind(),
                h.shiftId(), h.training(), h.specialty(), h.campaignId(), h.minutes(), h.servedOn(), h.source()),
                h.version());
    }

    /** The volunteer themselves, or staff in scope of the entry or of the volunteer. */
    HoursView get(Caller caller, UUID id) {
        Hours h = hours.find(id).orElseThrow(() -> NotFoundException.of("hours", id));
        if (!access.mayManage(caller, h.communityId())) {
            volunteers.requireSelfOrStaff(caller, h.volunteerId());
        }
        return view(id);
    }

    Page<Hours> of(Caller caller, UUID volunteerId, int page, int size) {
        return hours.of(volunteers.requireSelfOrStaff(caller, volunteerId).id(), page, size);
    }

    /** Staff in scope: entries of the communities below an organisation, e.g. the PENDING ones to decide on. */
    Page<Hours> queue(Caller caller, UUID organisationId, Hours.Status status, int page, int size) {
        return hours.of(access.subtreeFor(caller, organisationId), status, page, size);
    }

    private Shift shift(ShiftKind kind, UUID id) {
        return switch (kind) {
            case POST -> Shift.of(posts.require(id));
            case ACTIVITY -> Shift.of(activities.require(id));
        };
    }

    /** @throws DomainRuleException naming shiftId unless the volunteer holds a claim on the post or a place at it */
    private void requireHeld(Volunteer v, ShiftKind kind, UUID shiftId) {
        boolean held = kind == ShiftKind.POST ? posts.holdsClaim(shiftId, v.id())
                : activities.holdsPlace(shiftId, v.id());
        if (!held) {
            throw new DomainRuleException("shiftId", "volunteer " + v.id() + " holds no "
                    + (kind == ShiftKind.POST ? "claim on post " : "place at activity ") + shiftId);
        }
    }

    private long requireCode(Shift s, String code, Instant now) {
        return codes.matches(s.kind(), s.id(), code, now).orElseThrow(() -> new DomainRuleException("code",
                "not the current code of " + s.kind() + " " + s.id() + "; codes change every window, scan again"));
    }

    private void useCode(Volunteer v, Shift s, long window, String action) {
        if (!hours.useCode(v.id(), s.id(), window, action)) {
            throw new ConflictException("this code was used by volunteer " + v.id() + " already; wait for the next one");
        }
    }

    private static void requireVersion(Hours h, long version) {
        if (h.version() != version) {
            throw ConflictException.staleVersion("hours", h.id(), version);
        }
    }

    private HoursView view(UUID id) {
        return new HoursView(hours.find(id).orElseThrow(), hours.decisions(id));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
