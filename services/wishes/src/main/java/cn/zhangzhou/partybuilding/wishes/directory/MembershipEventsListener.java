package cn.zhangzhou.partybuilding.wishes.directory;

import java.util.UUID;

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
import cn.zhangzhou.partybuilding.wishes.WishesProperties;

/**
 * Keeps the {@link DirectoryStore} from the membership events of every district ({@code *.membership.events}).
 * The organisation tree, member reports and unit reports come from this district's own topic (its
 * communities accept the reports, also of members of other districts). Residences come from every district:
 * a member of another district who lives in one of our communities is registered (and updated) by their home
 * district, with our district as {@code residenceDistrict}. Each event is applied once, in one transaction with
 * its dedup record (events-messaging).
 */
@Component
class MembershipEventsListener {

    static final String CONSUMER = "wishes-directory";

    /** Every district's membership topic, ours included (the dead-letter topics end in -dlt and do not match). */
    static final String ALL_DISTRICTS = "[a-z]+\\.membership\\.events";

    private final InboundEvents inbound;
    private final DirectoryStore directory;
    private final String district;

    MembershipEventsListener(InboundEvents inbound, DirectoryStore directory, WishesProperties properties) {
        this.inbound = inbound;
        this.directory = directory;
        this.district = properties.district();
    }

    @KafkaListener(id = CONSUMER, idIsGroup = false, topicPattern = ALL_DISTRICTS)
    void onEvent(ConsumerRecord<String, byte[]> record) {
        inbound.process(CONSUMER, record, this::apply);
    }

    void apply(IncomingEvent<?> event) {
        String from = event.envelope().district();
        DomainEvent data = event.data();
        if (data instanceof MemberRegistered e) {
            residence(e.memberId(), from, e.residenceDistrict(), e.residenceCommunityId());
        } else if (data instanceof MemberUpdated e) {
            residence(e.memberId(), from, e.residenceDistrict(), e.residenceCommunityId());
        } else if (district.equals(from)) {
            applyOwn(data);
        }
        // Another district's tree and reports concern its own communities, not ours.
    }

    /**
     * Our own members are all kept (a report may make one eligible later); members of other districts only while
     * they live here, so the directory does not copy the whole city.
     */
    private void residence(UUID memberId, String homeDistrict, String residenceDistrict,
                           UUID communityId) {
        boolean livesHere = district.equals(residenceDistrict);
        if (livesHere || district.equals(homeDistrict)) {
            directory.residence(memberId, homeDistrict, livesHere ? communityId : null);
        } else {
            directory.residenceElsewhere(memberId);
        }
    }

    private void applyOwn(DomainEvent data) {
        if (data instanceof OrganisationCreated e) {
            directory.organisationCreated(e.organisationId(), e.type(), e.parentId());
        } else if (data instanceof OrganisationMoved e) {
            directory.organisationMoved(e.organisationId(), e.toParentId());
        } else if (data instanceof OrganisationDeactivated e) {
            directory.organisationDeactivated(e.organisationId());
        } else if (data instanceof MemberReportAccepted e) {
            directory.memberReport(e.reportId(), e.memberId(), e.memberDistrict(), e.communityId(), true);
        } else if (data instanceof MemberReportWithdrawn e) {
            directory.memberReport(e.reportId(), e.memberId(), e.memberDistrict(), e.communityId(), false);
        } else if (data instanceof UnitReportAccepted e) {
            directory.unitReportAccepted(e.reportId(), e.unitOrganisationId(), e.communityId());
        }
        // Renames, placements and transfers do not change who may claim where or who may act on which wish.
    }
}
