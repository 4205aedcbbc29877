package cn.zhangzhou.partybuilding.dashboard.projection;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import cn.zhangzhou.partybuilding.events.DomainEvent;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.evaluation.OrganisationScored;
import cn.zhangzhou.partybuilding.events.evaluation.ScoreCalibrated;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferredOut;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferredWithinDistrict;
import cn.zhangzhou.partybuilding.events.membership.MemberUpdated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationCreated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationDeactivated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationMoved;
import cn.zhangzhou.partybuilding.events.membership.OrganisationRenamed;
import cn.zhangzhou.partybuilding.events.volunteering.HoursApproved;
import cn.zhangzhou.partybuilding.events.wishes.WishClaimed;
import cn.zhangzhou.partybuilding.events.wishes.WishConfirmed;
import cn.zhangzhou.partybuilding.events.wishes.WishFulfilled;
import cn.zhangzhou.partybuilding.events.wishes.WishPosted;
import cn.zhangzhou.partybuilding.events.wishes.WishPublished;
import cn.zhangzhou.partybuilding.messaging.BatchedWrites;
import cn.zhangzhou.partybuilding.messaging.IncomingEvent;

/**
 * Applies the districts' events to the city-wide tables, inside the transaction of their dedup records. The district is
 * the topic's (each district writes only its own topics), not the envelope's. Every event, whatever its type, moves
 * the district's freshness; the types no figure needs (claims released, sign-ups, reports ...) change nothing else.
 */
@Component
class Projections {

    private final ProjectionStore store;
    private final ApplicationEventPublisher changes;
    private final Clock clock;

    Projections(ProjectionStore store, ApplicationEventPublisher changes, Clock clock) {
        this.store = store;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * Applies a poll's new events in order, their writes sent as JDBC batches (one per run of a statement). Freshness
     * is written once per district (its newest event), and one change per district and kind of figure is published
     * (with its newest event's time), not one per event.
     */
    void apply(List<IncomingEvent<?>> events) {
        // By district: two transactions freshening the same districts take their rows in one order, never waiting
        // for each other's.
        Map<String, Instant> newest = new TreeMap<>();
        Map<String, FigureChanged> changed = new LinkedHashMap<>();
        BatchedWrites writes = store.writes();
        for (IncomingEvent<?> event : events) {
            String district = Topics.districtOf(event.topic());
            Instant at = event.envelope().time();
            newest.merge(district, at, Projections::later);
            String kind = apply(writes, event.envelope().id(), district, at, event.data());
            if (kind != null) {
                changed.merge(district + ' ' + kind, new FigureChanged(district, kind, at),
                        (one, other) -> one.at().isAfter(other.at()) ? one : other);
            }
        }
        Instant now = clock.instant();
        newest.forEach((district, at) -> store.heardFrom(writes, district, at, now));
        writes.flush();
        changed.values().forEach(changes::publishEvent);
    }

    private static Instant later(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }

    /** The kind of figures the event changed, or null. */
    private String apply(BatchedWrites writes, UUID eventId, String district, Instant at, DomainEvent data) {
        if (data instanceof OrganisationCreated e) {
            store.organisationCreated(writes, district, e.organisationId(), e.type().name(), e.parentId(),
                    e.name());
        } else if (data instanceof OrganisationMoved e) {
            store.organisationMoved(writes, e.organisationId(), e.toParentId());
        } else if (data instanceof OrganisationRenamed e) {
            store.organisationRenamed(writes, e.organisationId(), e.name());
        } else if (data instanceof OrganisationDeactivated e) {
            store.organisationDeactivated(writes, e.organisationId());
        } else if (data instanceof MemberRegistered e) {
            store.memberRegistered(writes, district, e.memberId(), e.homeOrganisationId(), e.category().name(),
                    e.cadreRole() == null ? null : e.cadreRole().name(), e.communityWorker());
            return "members";
        } else if (data instanceof MemberUpdated e) {
            store.memberUpdated(writes, district, e.memberId(), e.category().name(),
                    e.cadreRole() == null ? null : e.cadreRole().name(), e.communityWorker());
            return "members";
        } else if (data instanceof MemberTransferredWithinDistrict e) {
            store.memberMoved(writes, district, e.memberId(), e.toOrganisationId());
            return "members";
        } else if (data instanceof MemberTransferredOut e) {
            // Only the sending district's record ends: the receiving district's MemberRegistered may have come first.
            store.memberLeft(writes, district, e.memberId());
            return "members";
        } else if (data instanceof WishPosted e) {
            store.wishPosted(writes, district, e.wishId(), e.communityId(), e.beneficiaryId());
            return wishStep(writes, eventId, district, e.wishId(), e.communityId(), WishStep.POST, at);
        } else if (data instanceof WishPublished e) {
            return wishStep(writes, eventId, district, e.wishId(), e.communityId(), WishStep.PUBLISH, at);
        } else if (data instanceof WishClaimed e) {
            return wishStep(writes, eventId, district, e.wishId(), e.communityId(), WishStep.CLAIM, at);
        } else if (data instanceof WishFulfilled e) {
            return wishStep(writes, eventId, district, e.wishId(), e.communityId(), WishStep.FULFIL, at);
        } else if (data instanceof WishConfirmed e) {
            return wishStep(writes, eventId, district, e.wishId(), e.communityId(), WishStep.CONFIRM, at);
        } else if (data instanceof HoursApproved e) {
            store.hoursApproved(writes, district, e.hoursId(), e.communityId(), e.specialty(), e.training(),
                    e.minutes(), e.servedOn());
            return "hours";
        } else if (data instanceof OrganisationScored e) {
            store.scored(writes, district, e.roundId(), e.organisationId(), e.year(), e.level().name(), e.score(),
                    e.rank());
            return "scores";
        } else if (data instanceof ScoreCalibrated e) {
            store.scored(writes, district, e.roundId(), e.organisationId(), e.year(), e.level().name(), e.score(),
                    e.rank());
            return "scores";
        } else {
            return null;
        }
        return "organisations";
    }

    private String wishStep(BatchedWrites writes, UUID eventId, String district, UUID wish, UUID community,
                            WishStep step, Instant at) {
        store.wishStep(writes, eventId, district, wish, community, step, at);
        return "wishes";
    }

    /** The steps of a wish the figures count. */
    enum WishStep { POST, PUBLISH, CLAIM, FULFIL, CONFIRM }
}
