package cn.zhangzhou.partybuilding.wishes.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;
import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.EventType;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MemberReportAccepted;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.events.membership.OrganisationCreated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.events.membership.UnitReportAccepted;
import cn.zhangzhou.partybuilding.testing.EventFeed;

/**
 * Plays the district's membership service: publishes its events on {@code xiangcheng.membership.events}
 * ({@link EventFeed}) and waits until the wishes service applied them. (A service must not depend on another, so
 * the real membership service is not started here.)
 */
public final class MembershipFeed {

    private final RunningWishes wishes;
    private final UUID root;

    public MembershipFeed(RunningWishes wishes) {
        this.wishes = wishes;
        this.root = organisation(OrganisationType.DISTRICT_COMMITTEE, null);
    }

    /** A street with one community; returns the community. */
    public UUID community() {
        UUID street = organisation(OrganisationType.STREET_COMMITTEE, root);
        return organisation(OrganisationType.COMMUNITY, street);
    }

    /** The district committee at the top of this feed's tree. */
    public UUID root() {
        return root;
    }

    public UUID organisation(OrganisationType type, UUID parent) {
        return organisation(type, parent, "组织");
    }

    public UUID organisation(OrganisationType type, UUID parent, String name) {
        UUID id = UUID.randomUUID();
        send(MembershipEvents.ORGANISATION_CREATED, new OrganisationCreated(id, "C-" + id.toString().substring(0, 8),
                name, type, parent));
        awaitRows("directory.organisation where id = '" + id + "'");
        return id;
    }

    /** A member living in the community. */
    public UUID residentMember(UUID community) {
        UUID id = UUID.randomUUID();
        send(MembershipEvents.MEMBER_REGISTERED, new MemberRegistered(id, root, RunningWishes.DISTRICT, community,
                MemberCategory.IN_SERVICE, List.of(), null, false));
        awaitRows("directory.member where member_id = '" + id + "'");
        return id;
    }

    /**
     * A member of another district ({@code homeDistrict}) living in one of our communities: registered by their
     * home district on its own topic, with this district as their residence.
     */
    public UUID foreignResident(String homeDistrict, UUID community) {
        UUID id = UUID.randomUUID();
        send(homeDistrict, MembershipEvents.MEMBER_REGISTERED, new MemberRegistered(id, UUID.randomUUID(),
                RunningWishes.DISTRICT, community, MemberCategory.IN_SERVICE, List.of(), null, false));
        awaitRows("directory.member where member_id = '" + id + "' and home_district = '" + homeDistrict + "'");
        return id;
    }

    /**
     * An in-service member of another district, living there, whose member report (双报到) to our community was
     * accepted here (the community's district publishes the acceptance).
     */
    public UUID foreignReported(String homeDistrict, UUID community) {
        UUID id = UUID.randomUUID();
        send(homeDistrict, MembershipEvents.MEMBER_REGISTERED, new MemberRegistered(id, UUID.randomUUID(),
                homeDistrict, null, MemberCategory.IN_SERVICE, List.of(), null, false));
        UUID report = UUID.randomUUID();
        send(MembershipEvents.MEMBER_REPORT_ACCEPTED, new MemberReportAccepted(report, id, homeDistrict, community));
        awaitRows("directory.member_report where report_id = '" + report + "'");
        return id;
    }

    /** A resident unit (驻区单位) whose unit report (单位报到) to the community was accepted; returns the unit. */
    public UUID reportedUnit(UUID community) {
        UUID unit = organisation(OrganisationType.RESIDENT_UNIT, community, "驻区单位党支部");
        UUID report = UUID.randomUUID();
        send(MembershipEvents.UNIT_REPORT_ACCEPTED, new UnitReportAccepted(report, unit, community,
                "HZ-" + report.toString().substring(0, 6)));
        awaitRows("directory.unit_report where report_id = '" + report + "'");
        return unit;
    }

    /** A member living elsewhere whose member report (双报到) to the community was accepted. */
    public UUID reportedMember(UUID community) {
        UUID id = residentMember(null);
        acceptReport(id, community);
        return id;
    }

    /** The member's member report (双报到) to the community was accepted. */
    public void acceptReport(UUID member, UUID community) {
        UUID report = UUID.randomUUID();
        send(MembershipEvents.MEMBER_REPORT_ACCEPTED, new MemberReportAccepted(report, member, RunningWishes.DISTRICT,
                community));
        awaitRows("directory.member_report where report_id = '" + report + "'");
    }

    private <E extends DomainEvent> void send(EventType<E> type, E event) {
        send(RunningWishes.DISTRICT, type, event);
    }

    /** Publishes on {@code <district>.membership.events} as that district's membership service would. */
    public <E extends DomainEvent> EventEnvelope send(String district, EventType<E> type, E event) {
        return EventFeed.send(district, "membership", type, event);
    }

    /** Any bytes under any envelope: for redeliveries and poison records. */
    public static void sendRaw(String district, String key, byte[] value, EventEnvelope envelope) {
        EventFeed.sendRaw(Topics.events(district, "membership"), key, value, envelope);
    }

    /** The next aggregate version (all subjects share one growing counter). */
    public static long nextVersion() {
        return EventFeed.nextVersion();
    }

    public void awaitRows(String tableAndWhere) {
        await().atMost(Duration.ofSeconds(60)).until(() -> wishes.rows(tableAndWhere) == 1);
    }
}
