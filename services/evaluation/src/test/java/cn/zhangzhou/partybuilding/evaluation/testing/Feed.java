package cn.zhangzhou.partybuilding.evaluation.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.evaluation.EvaluationProperties;
import cn.zhangzhou.partybuilding.events.DomainEvent;
import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.EventType;
import cn.zhangzhou.partybuilding.events.membership.CadreRole;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MemberReportAccepted;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.events.membership.OrganisationCreated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.events.membership.UnitReportAccepted;
import cn.zhangzhou.partybuilding.events.volunteering.HoursApproved;
import cn.zhangzhou.partybuilding.events.volunteering.HoursSource;
import cn.zhangzhou.partybuilding.events.volunteering.ShiftKind;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteerKind;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteeringEvents;
import cn.zhangzhou.partybuilding.events.wishes.ConfirmedBy;
import cn.zhangzhou.partybuilding.events.wishes.PostedBy;
import cn.zhangzhou.partybuilding.events.wishes.WishCategory;
import cn.zhangzhou.partybuilding.events.wishes.WishConfirmed;
import cn.zhangzhou.partybuilding.events.wishes.WishPosted;
import cn.zhangzhou.partybuilding.events.wishes.WishesEvents;
import cn.zhangzhou.partybuilding.testing.EventFeed;

/**
 * Plays the district's membership, wishes and volunteering services: publishes their events as their relays would
 * ({@link EventFeed}) and waits until the evaluation service applied them. The real services are not started.
 */
public final class Feed {

    private static final String DISTRICT = RunningEvaluation.DISTRICT;
    private final RunningEvaluation service;
    private final UUID district;

    Feed(RunningEvaluation service) {
        this.service = service;
        this.district = organisation(OrganisationType.DISTRICT_COMMITTEE, null);
    }

    /** The district committee at the top of the tree the test classes share. */
    public UUID district() {
        return district;
    }

    public UUID street() {
        return organisation(OrganisationType.STREET_COMMITTEE, district);
    }

    public UUID community(UUID street) {
        return organisation(OrganisationType.COMMUNITY, street);
    }

    public UUID organisation(OrganisationType type, UUID parent) {
        UUID id = UUID.randomUUID();
        EventFeed.send(DISTRICT, "membership", MembershipEvents.ORGANISATION_CREATED, new OrganisationCreated(id,
                "E-" + id.toString().substring(0, 8), type.name(), type, parent));
        awaitRow("directory.organisation where id = '" + id + "'");
        return id;
    }

    /** A member of {@code home} living in the community (of this district), with a cadre role or none. */
    public UUID member(String home, UUID community, CadreRole role, UUID homeOrganisation) {
        UUID id = UUID.randomUUID();
        EventFeed.send(home, "membership", MembershipEvents.MEMBER_REGISTERED, new MemberRegistered(id,
                homeOrganisation, DISTRICT, community, MemberCategory.IN_SERVICE, List.of(), role, false));
        awaitRow("directory.member where member_id = '" + id + "'");
        return id;
    }

    /** A member of this district living in the community. */
    public UUID member(UUID community) {
        return member(DISTRICT, community, null, community);
    }

    /** A wish posted on the community's needs menu; returns its id once the evaluation service knows it. */
    public UUID wish(UUID community) {
        UUID wish = UUID.randomUUID();
        send("wishes", WishesEvents.WISH_POSTED, new WishPosted(wish, community, null, WishCategory.OTHER, 50,
                PostedBy.GRID_WORKER, UUID.randomUUID()));
        awaitRow("wish where wish_id = '" + wish + "'");
        return wish;
    }

    /** A wish of the community confirmed fulfilled (its WishConfirmed only: what is scored). */
    public UUID wishConfirmed(UUID community) {
        UUID wish = UUID.randomUUID();
        send("wishes", WishesEvents.WISH_CONFIRMED, new WishConfirmed(wish, community, UUID.randomUUID(),
                ConfirmedBy.STAFF));
        awaitOutcome(wish);
        return wish;
    }

    /** Hours approved for service (or training) in the community today; returns the hours entry. */
    public UUID hours(UUID community, int minutes, boolean training) {
        return hours(community, minutes, training, LocalDate.now(EvaluationProperties.CHINA));
    }

    /** Hours approved for service (or training) in the community on the day; returns the hours entry. */
    public UUID hours(UUID community, int minutes, boolean training, LocalDate servedOn) {
        UUID hours = UUID.randomUUID();
        send("volunteering", VolunteeringEvents.HOURS_APPROVED, new HoursApproved(hours, UUID.randomUUID(),
                VolunteerKind.MEMBER, DISTRICT, community, ShiftKind.ACTIVITY, UUID.randomUUID(), training, null, null,
                minutes, servedOn, HoursSource.CHECK_IN));
        return hours;
    }

    public UUID memberReportAccepted(UUID community) {
        UUID report = UUID.randomUUID();
        send("membership", MembershipEvents.MEMBER_REPORT_ACCEPTED, new MemberReportAccepted(report,
                UUID.randomUUID(), "longwen", community));
        awaitOutcome(report);
        return report;
    }

    public UUID unitReportAccepted(UUID community) {
        UUID report = UUID.randomUUID();
        send("membership", MembershipEvents.UNIT_REPORT_ACCEPTED, new UnitReportAccepted(report, UUID.randomUUID(),
                community, "HZ-" + report.toString().substring(0, 6)));
        awaitOutcome(report);
        return report;
    }

    public <E extends DomainEvent> EventEnvelope send(String service, EventType<E> type, E event) {
        return EventFeed.send(DISTRICT, service, type, event);
    }

    public void awaitOutcome(UUID source) {
        awaitRow("outcome where source_id = '" + source + "'");
    }

    public void awaitRow(String tableAndWhere) {
        await().atMost(Duration.ofSeconds(60)).until(() -> service.rows(tableAndWhere) == 1);
    }
}
