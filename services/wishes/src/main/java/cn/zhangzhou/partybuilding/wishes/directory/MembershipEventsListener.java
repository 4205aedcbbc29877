package cn.zhangzhou.partybuilding.wishes.directory;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import cn.zhangzhou.partybuilding.events.DomainEvent;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MemberReportAccepted;
import cn.zhangzhou.partybuilding.events.membership.MemberReportWithdrawn;
import cn.zhangzhou.partybuilding.events.membership.MemberUpdated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationCreated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationDeactivated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationMoved;
import cn.zhangzhou.partybuilding.events.membership.UnitReportAccepted;
import cn.zhangzhou.partybuilding.messaging.InboundEvents;
import cn.zhangzhou.partybuilding.messaging.IncomingEvent;

/**
 * Keeps the {@link Directory} from the district's own membership events ({@code <district>.membership.events}).
 * Each event is applied once, in one transaction with its dedup record (events-messaging).
 */
@Component
public class MembershipEventsListener {

    static final String CONSUMER = "wishes-directory";

    private final InboundEvents inbound;
    private final Directory directory;

    public MembershipEventsListener(InboundEvents inbound, Directory directory) {
        this.inbound = inbound;
        this.directory = directory;
    }

    @KafkaListener(id = CONSUMER, idIsGroup = false, topics = "${zz.district}.membership.events")
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        inbound.process(CONSUMER, record, this::apply);
    }

    void apply(IncomingEvent<?> event) {
        String from = event.envelope().district();
        DomainEvent data = event.data();
        if (data instanceof OrganisationCreated e) {
            directory.organisationCreated(e.organisationId(), e.type(), e.parentId());
        } else if (data instanceof OrganisationMoved e) {
            directory.organisationMoved(e.organisationId(), e.toParentId());
        } else if (data instanceof OrganisationDeactivated e) {
            directory.organisationDeactivated(e.organisationId());
        } else if (data instanceof MemberRegistered e) {
            directory.residence(e.memberId(), from, e.residenceCommunityId());
        } else if (data instanceof MemberUpdated e) {
            directory.residence(e.memberId(), from, e.residenceCommunityId());
        } else if (data instanceof MemberReportAccepted e) {
            directory.memberReport(e.reportId(), e.memberId(), e.communityId(), true);
        } else if (data instanceof MemberReportWithdrawn e) {
            directory.memberReport(e.reportId(), e.memberId(), e.communityId(), false);
        } else if (data instanceof UnitReportAccepted e) {
            directory.unitReportAccepted(e.reportId(), e.unitOrganisationId(), e.communityId());
        }
        // Renames, placements and transfers do not change who may claim where or who may act on which wish.
    }
}
