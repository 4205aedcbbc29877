package cn.zhangzhou.partybuilding.directory;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

import cn.zhangzhou.partybuilding.events.DomainEvent;
import cn.zhangzhou.partybuilding.events.EventType;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MemberReportAccepted;
import cn.zhangzhou.partybuilding.events.membership.MemberReportWithdrawn;
import cn.zhangzhou.partybuilding.events.membership.MemberUpdated;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.events.membership.OrganisationCreated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationDeactivated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationMoved;
import cn.zhangzhou.partybuilding.events.membership.UnitReportAccepted;
import cn.zhangzhou.partybuilding.messaging.BatchedWrites;
import cn.zhangzhou.partybuilding.messaging.InboundEvents;
import cn.zhangzhou.partybuilding.messaging.IncomingEvent;

/**
 * Keeps the directory from the membership events of every district ({@code <district>.membership.events}). From
 * this district: the tree, its members, accepted member reports (also of members of other districts) and unit
 * reports. From the others: their members who live in one of our communities (their home district registers them
 * with our district as residence), and news that a member we know is now held and living elsewhere. A poll's events
 * are applied in one transaction with their dedup records ({@link InboundEvents#processBatch}: each once, stale
 * versions skipped, poison dead-lettered alone), their rows sent as JDBC batches; only the types it applies keep a
 * version row per aggregate (decision 0033: the others change nothing here). The consumer is named
 * {@code <zz.service>-directory} (wishes-directory, volunteering-directory),
 * in the service's consumer group.
 */
class MembershipEventsListener {

    /** The types {@link #apply} uses: each moves a row, so their aggregates' order matters. */
    private static final Set<EventType<?>> APPLIED = Set.of(MembershipEvents.MEMBER_REGISTERED,
            MembershipEvents.MEMBER_UPDATED, MembershipEvents.ORGANISATION_CREATED, MembershipEvents.ORGANISATION_MOVED,
            MembershipEvents.ORGANISATION_DEACTIVATED, MembershipEvents.MEMBER_REPORT_ACCEPTED,
            MembershipEvents.MEMBER_REPORT_WITHDRAWN, MembershipEvents.UNIT_REPORT_ACCEPTED);

    private final InboundEvents inbound;
    private final DirectoryStore directory;
    private final String district;
    private final String consumer;

    MembershipEventsListener(InboundEvents inbound, DirectoryStore directory, String district, String service) {
        this.inbound = inbound;
        this.directory = directory;
        this.district = district;
        this.consumer = service + "-directory";
    }

    /** Every district's membership topic, ours included; dead-letter topics end in -dlt and do not match. */
    @KafkaListener(id = "${zz.service}-directory", idIsGroup = false, topicPattern = "[a-z]+\\.membership\\.events",
            batch = "true")
    void onEvents(List<ConsumerRecord<String, byte[]>> records) {
        inbound.processBatch(consumer, records, this::apply, APPLIED::contains);
    }

    void apply(List<IncomingEvent<?>> events) {
        BatchedWrites writes = directory.writes();
        events.forEach(event -> apply(writes, event));
        writes.flush();
    }

    private void apply(BatchedWrites writes, IncomingEvent<?> event) {
        // The topic, not the envelope, says which district published: each district writes only its own topic.
        String from = Topics.districtOf(event.topic());
        DomainEvent data = event.data();
        if (data instanceof MemberRegistered e) {
            member(writes, e.memberId(), from, e.residenceDistrict(), e.residenceCommunityId());
        } else if (data instanceof MemberUpdated e) {
            member(writes, e.memberId(), from, e.residenceDistrict(), e.residenceCommunityId());
        } else if (district.equals(from)) {
            applyOwn(writes, data);
        }
        // Another district's tree and reports concern its own communities, not ours.
    }

    /** Our members are all kept (a report may bring them to a community later); others only while they live here. */
    private void member(BatchedWrites writes, UUID member, String home, String residenceDistrict, UUID community) {
        boolean livesHere = district.equals(residenceDistrict);
        if (livesHere || district.equals(home)) {
            directory.member(writes, member, home, livesHere ? community : null);
        } else {
            directory.elsewhere(writes, member, home);
        }
    }

    private void applyOwn(BatchedWrites writes, DomainEvent data) {
        if (data instanceof OrganisationCreated e) {
            directory.organisationCreated(writes, e.organisationId(), e.type(), e.parentId());
        } else if (data instanceof OrganisationMoved e) {
            directory.organisationMoved(writes, e.organisationId(), e.toParentId());
        } else if (data instanceof OrganisationDeactivated e) {
            directory.organisationDeactivated(writes, e.organisationId());
        } else if (data instanceof MemberReportAccepted e) {
            directory.memberReport(writes, e.reportId(), e.memberId(), e.memberDistrict(), e.communityId(), true);
        } else if (data instanceof MemberReportWithdrawn e) {
            directory.memberReport(writes, e.reportId(), e.memberId(), e.memberDistrict(), e.communityId(), false);
        } else if (data instanceof UnitReportAccepted e) {
            directory.unitReportAccepted(writes, e.reportId(), e.unitOrganisationId(), e.communityId());
        }
        // Renames, placements, transfers and declined reports change nothing the directory answers.
    }
}
