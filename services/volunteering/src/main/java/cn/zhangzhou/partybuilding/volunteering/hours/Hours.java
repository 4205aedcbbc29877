package cn.zhangzhou.partybuilding.volunteering.hours;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.volunteering.HoursSource;
import cn.zhangzhou.partybuilding.events.volunteering.ShiftKind;
import cn.zhangzhou.partybuilding.support.error.ConflictException;

/**
 * An hours entry (服务时长记录) of a volunteer on a shift: a check-in (OPEN) until its check-out (APPROVED), or a
 * claim without check-in (PENDING) through its decisions. Only APPROVED minutes count, anywhere.
 */
record Hours(UUID id, UUID volunteerId, UUID communityId, ShiftKind shiftKind, UUID shiftId, boolean training,
             String specialty, UUID campaignId, HoursSource source, Status status, Instant checkedInAt,
             Instant checkedOutAt, LocalDate servedOn, int minutes, boolean appealed, String submittedBy,
             long version) {

    enum Status {
        OPEN, PENDING, APPROVED, DECLINED, APPEALED
    }

    /** Every move an entry can make, from which states, to which state; anything else is 409. */
    enum Transition {
        CHECK_OUT(Status.APPROVED, Status.OPEN),
        APPROVE(Status.APPROVED, Status.PENDING, Status.APPEALED),
        DECLINE(Status.DECLINED, Status.PENDING, Status.APPEALED),
        APPEAL(Status.APPEALED, Status.DECLINED);

        private final Status to;
        private final Set<Status> from;

        Transition(Status to, Status first, Status... more) {
            this.to = to;
            this.from = EnumSet.of(first, more);
        }

        Status to() {
            return to;
        }

        void check(Hours h) {
            if (!from.contains(h.status())) {
                throw new ConflictException("hours " + h.id() + " are " + h.status() + "; " + name()
                        + " is allowed only from " + from);
            }
        }
    }

    /** One decision on the entry: check-in, check-out, claim, approve, decline, appeal; who, when, why. */
    record Decision(String action, String actor, Instant at, String reason) {
    }
}
