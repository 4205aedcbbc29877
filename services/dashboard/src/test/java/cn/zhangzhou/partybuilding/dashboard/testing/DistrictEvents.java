package cn.zhangzhou.partybuilding.dashboard.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import cn.zhangzhou.partybuilding.events.DomainEvent;
import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.EventJson;
import cn.zhangzhou.partybuilding.events.EventType;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.evaluation.EvaluationEvents;
import cn.zhangzhou.partybuilding.events.evaluation.OrganisationScored;
import cn.zhangzhou.partybuilding.events.evaluation.RoundLevel;
import cn.zhangzhou.partybuilding.events.membership.CadreRole;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.events.membership.OrganisationCreated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.events.volunteering.HoursApproved;
import cn.zhangzhou.partybuilding.events.volunteering.HoursSource;
import cn.zhangzhou.partybuilding.events.volunteering.ShiftKind;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteerKind;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteeringEvents;
import cn.zhangzhou.partybuilding.events.wishes.ClaimerKind;
import cn.zhangzhou.partybuilding.events.wishes.ConfirmedBy;
import cn.zhangzhou.partybuilding.events.wishes.PostedBy;
import cn.zhangzhou.partybuilding.events.wishes.WishCategory;
import cn.zhangzhou.partybuilding.events.wishes.WishClaimed;
import cn.zhangzhou.partybuilding.events.wishes.WishConfirmed;
import cn.zhangzhou.partybuilding.events.wishes.WishFulfilled;
import cn.zhangzhou.partybuilding.events.wishes.WishPosted;
import cn.zhangzhou.partybuilding.events.wishes.WishPublished;
import cn.zhangzhou.partybuilding.events.wishes.WishesEvents;
import cn.zhangzhou.partybuilding.testing.EventFeed;

/**
 * Plays the districts' services in the dashboard's tests: their events on their topics, as their relays publish
 * them ({@link EventFeed}), at the time given (a wish of 2015 is told with its 2015 time). Counts what it sent.
 */
public final class DistrictEvents {

    private static final AtomicInteger SENT = new AtomicInteger();
    private static final AtomicInteger CODES = new AtomicInteger();

    private DistrictEvents() {
    }

    /** Events sent so far by this JVM's tests. */
    public static int sent() {
        return SENT.get();
    }

    public static <E extends DomainEvent> EventEnvelope send(String district, String service, EventType<E> type,
                                                             E event, Instant at) {
        EventEnvelope envelope = EventEnvelope.create(type, district, event.aggregateId(), EventFeed.nextVersion(),
                at.truncatedTo(ChronoUnit.MICROS), null);
        EventFeed.sendRaw(Topics.events(district, service), event.aggregateId(), EventJson.toBytes(event), envelope);
        SENT.incrementAndGet();
        return envelope;
    }

    public static UUID organisation(String district, OrganisationType type, UUID parent, String name) {
        UUID id = UUID.randomUUID();
        send(district, MembershipEvents.SERVICE, MembershipEvents.ORGANISATION_CREATED,
                new OrganisationCreated(id, "T" + CODES.incrementAndGet(), name, type, parent), Instant.now());
        return id;
    }

    public static UUID member(String district, UUID home, MemberCategory category, CadreRole cadreRole,
                              boolean communityWorker) {
        UUID id = UUID.randomUUID();
        send(district, MembershipEvents.SERVICE, MembershipEvents.MEMBER_REGISTERED, new MemberRegistered(id, home,
                district, home, category, List.of(), cadreRole, communityWorker), Instant.now());
        return id;
    }

    /** A wish of the community posted at {@code at} and taken through {@code steps} (1 posted ... 5 confirmed) a day apart. */
    public static UUID wish(String district, UUID community, UUID beneficiary, Instant at, int steps) {
        UUID wish = UUID.randomUUID();
        UUID claim = UUID.randomUUID();
        String service = WishesEvents.SERVICE;
        send(district, service, WishesEvents.WISH_POSTED, new WishPosted(wish, community, null,
                WishCategory.DAILY_NECESSITIES, 100, PostedBy.STAFF, beneficiary), at);
        if (steps >= 2) {
            send(district, service, WishesEvents.WISH_PUBLISHED, new WishPublished(wish, community, false),
                    at.plus(1, ChronoUnit.HOURS));
        }
        if (steps >= 3) {
            send(district, service, WishesEvents.WISH_CLAIMED, new WishClaimed(wish, community, claim,
                    ClaimerKind.MEMBER, UUID.randomUUID(), district, at.plus(8, ChronoUnit.DAYS)),
                    at.plus(1, ChronoUnit.DAYS));
        }
        if (steps >= 4) {
            send(district, service, WishesEvents.WISH_FULFILLED, new WishFulfilled(wish, community, claim, false),
                    at.plus(2, ChronoUnit.DAYS));
        }
        if (steps >= 5) {
            send(district, service, WishesEvents.WISH_CONFIRMED, new WishConfirmed(wish, community, claim,
                    ConfirmedBy.STAFF), at.plus(3, ChronoUnit.DAYS));
        }
        return wish;
    }

    public static EventEnvelope hours(String district, UUID community, String specialty, boolean training,
                                      int minutes, LocalDate servedOn) {
        return send(district, VolunteeringEvents.SERVICE, VolunteeringEvents.HOURS_APPROVED, new HoursApproved(
                UUID.randomUUID(), UUID.randomUUID(), VolunteerKind.MEMBER, district, community, ShiftKind.ACTIVITY,
                UUID.randomUUID(), training, specialty, null, minutes, servedOn, HoursSource.CHECK_IN), Instant.now());
    }

    public static void scored(String district, UUID round, UUID organisation, int year, String score, int rank) {
        send(district, EvaluationEvents.SERVICE, EvaluationEvents.ORGANISATION_SCORED, new OrganisationScored(round,
                year, RoundLevel.COMMUNITY, organisation, new BigDecimal(score), rank), Instant.now());
    }
}
