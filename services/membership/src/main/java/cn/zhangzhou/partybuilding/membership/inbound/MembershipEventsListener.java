package cn.zhangzhou.partybuilding.membership.inbound;

import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import cn.zhangzhou.partybuilding.events.DomainEvent;
import cn.zhangzhou.partybuilding.events.EventType;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MemberReportAccepted;
import cn.zhangzhou.partybuilding.events.membership.MemberReportDeclined;
import cn.zhangzhou.partybuilding.events.membership.MemberReportSubmitted;
import cn.zhangzhou.partybuilding.events.membership.MemberReportWithdrawn;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferAccepted;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferCancelled;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferDeclined;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferRequested;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferredOut;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferredWithinDistrict;
import cn.zhangzhou.partybuilding.events.membership.MemberUpdated;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.events.membership.OrganisationCreated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationDeactivated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationMoved;
import cn.zhangzhou.partybuilding.events.membership.OrganisationRenamed;
import cn.zhangzhou.partybuilding.membership.directory.DirectoryStore;
import cn.zhangzhou.partybuilding.membership.directory.DirectoryStore.ExternalMember;
import cn.zhangzhou.partybuilding.membership.directory.DirectoryStore.ExternalOrganisation;
import cn.zhangzhou.partybuilding.membership.reporting.ReportStatus;
import cn.zhangzhou.partybuilding.membership.reporting.ReportStore;
import cn.zhangzhou.partybuilding.membership.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.membership.transfer.TransferService;
import cn.zhangzhou.partybuilding.messaging.InboundEvents;
import cn.zhangzhou.partybuilding.messaging.IncomingEvent;

/**
 * Learns of the other districts from their membership events: their organisations and members (the
 * directory), transfers asked of or answered to this district, and reports our members filed elsewhere.
 * A poll's events are applied in one transaction ({@link InboundEvents#processBatch}): each once, never older after
 * newer, a failing one retried or dead-lettered alone; placements and unit reports, which concern only their own
 * district, keep no version row (decision 0033). The consumer group is the district's own
 * ({@code spring.kafka.consumer.group-id}), never shared with another district.
 */
@Component
class MembershipEventsListener {

    static final String CONSUMER = "membership-directory";

    /** The types {@link #apply} ignores: another district's placements and unit reports change nothing here. */
    private static final Set<EventType<?>> IGNORED = Set.of(MembershipEvents.MEMBER_PLACED,
            MembershipEvents.MEMBER_PLACEMENT_MOVED, MembershipEvents.UNIT_REPORT_SUBMITTED,
            MembershipEvents.UNIT_REPORT_ACCEPTED, MembershipEvents.UNIT_REPORT_DECLINED);

    private final InboundEvents inbound;
    private final DirectoryStore directory;
    private final TransferService transfers;
    private final ReportStore reports;
    private final String district;

    MembershipEventsListener(InboundEvents inbound, DirectoryStore directory, TransferService transfers,
                             ReportStore reports, AccessPolicy access) {
        this.inbound = inbound;
        this.directory = directory;
        this.transfers = transfers;
        this.reports = reports;
        this.district = access.district();
    }

    /** Every other district's membership topic; our own events are not news to us. */
    @KafkaListener(id = CONSUMER, idIsGroup = false,
            topicPattern = "(?!${zz.district}\\.)[a-z]+\\.membership\\.events", batch = "true")
    void onEvents(List<ConsumerRecord<String, byte[]>> records) {
        inbound.processBatch(CONSUMER, records, events -> events.forEach(this::apply), type -> !IGNORED.contains(type));
    }

    private void apply(IncomingEvent<?> event) {
        String from = event.envelope().district();
        if (district.equals(from)) {
            return;
        }
        DomainEvent data = event.data();
        if (data instanceof OrganisationCreated e) {
            directory.upsertOrganisation(new ExternalOrganisation(e.organisationId(), from, e.code(), e.name(),
                    e.type(), e.parentId(), true));
        } else if (data instanceof OrganisationRenamed e) {
            directory.renameOrganisation(e.organisationId(), e.name());
        } else if (data instanceof OrganisationMoved e) {
            directory.moveOrganisation(e.organisationId(), e.toParentId());
        } else if (data instanceof OrganisationDeactivated e) {
            directory.deactivateOrganisation(e.organisationId());
        } else if (data instanceof MemberRegistered e) {
            directory.upsertMember(new ExternalMember(e.memberId(), from, e.homeOrganisationId(), e.residenceDistrict(),
                    e.residenceCommunityId(), e.category(), e.specialties(), e.cadreRole(), e.communityWorker(), true));
        } else if (data instanceof MemberUpdated e) {
            directory.member(e.memberId()).ifPresent(m -> directory.upsertMember(new ExternalMember(m.id(), from,
                    m.homeOrganisationId(), e.residenceDistrict(), e.residenceCommunityId(), e.category(),
                    e.specialties(), e.cadreRole(), e.communityWorker(), m.active())));
        } else if (data instanceof MemberTransferredWithinDistrict e) {
            directory.updateMemberHome(e.memberId(), e.toOrganisationId());
        } else if (data instanceof MemberTransferredOut e) {
            directory.deactivateMember(e.memberId());
        } else if (data instanceof MemberTransferRequested e) {
            transfers.onRequested(from, e);
        } else if (data instanceof MemberTransferAccepted e) {
            transfers.onAccepted(e);
        } else if (data instanceof MemberTransferDeclined e) {
            transfers.onDeclined(e);
        } else if (data instanceof MemberTransferCancelled e) {
            transfers.onCancelled(e);
        } else if (data instanceof MemberReportSubmitted e && district.equals(e.memberDistrict())) {
            reports.recordElsewhere(from, e.reportId(), e.memberId(), e.communityId(), ReportStatus.SUBMITTED, null);
        } else if (data instanceof MemberReportAccepted e && district.equals(e.memberDistrict())) {
            reports.recordElsewhere(from, e.reportId(), e.memberId(), e.communityId(), ReportStatus.ACCEPTED, null);
        } else if (data instanceof MemberReportDeclined e && district.equals(e.memberDistrict())) {
            reports.recordElsewhere(from, e.reportId(), e.memberId(), e.communityId(), ReportStatus.DECLINED,
                    e.reason());
        } else if (data instanceof MemberReportWithdrawn e && district.equals(e.memberDistrict())) {
            reports.recordElsewhere(from, e.reportId(), e.memberId(), e.communityId(), ReportStatus.WITHDRAWN, null);
        }
        // Placements and unit reports of other districts concern only them.
    }
}
