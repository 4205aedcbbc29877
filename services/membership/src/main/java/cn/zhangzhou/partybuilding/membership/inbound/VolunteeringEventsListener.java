package cn.zhangzhou.partybuilding.membership.inbound;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import cn.zhangzhou.partybuilding.events.volunteering.HoursApproved;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteerKind;
import cn.zhangzhou.partybuilding.membership.reporting.HoursServedElsewhere;
import cn.zhangzhou.partybuilding.membership.reporting.ReportStore;
import cn.zhangzhou.partybuilding.membership.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.messaging.InboundEvents;
import cn.zhangzhou.partybuilding.messaging.IncomingEvent;

/**
 * Home-district feedback (双报到): the hours our members served in other districts' communities, from those
 * districts' volunteering events. Only {@link HoursApproved} counts (verified hours; a declined or appealed claim
 * never became hours); every other volunteering event concerns only its own district. Hours served in this
 * district are this district's volunteering service's to report.
 */
@Component
class VolunteeringEventsListener {

    static final String CONSUMER = "volunteering-elsewhere";

    private final InboundEvents inbound;
    private final ReportStore reports;
    private final String district;

    VolunteeringEventsListener(InboundEvents inbound, ReportStore reports, AccessPolicy access) {
        this.inbound = inbound;
        this.reports = reports;
        this.district = access.district();
    }

    /** Every other district's volunteering topic. */
    @KafkaListener(id = CONSUMER, idIsGroup = false,
            topicPattern = "(?!${zz.district}\\.)[a-z]+\\.volunteering\\.events")
    void onEvent(ConsumerRecord<String, byte[]> record) {
        inbound.process(CONSUMER, record, this::apply);
    }

    private void apply(IncomingEvent<?> event) {
        String from = event.envelope().district();
        if (event.data() instanceof HoursApproved e && !district.equals(from)
                && e.volunteerKind() == VolunteerKind.MEMBER && district.equals(e.volunteerDistrict())) {
            reports.recordHoursServedElsewhere(new HoursServedElsewhere(e.hoursId(), e.volunteerId(), from, e.communityId(),
                    e.minutes(), e.servedOn(), e.training(), e.specialty()));
        }
    }
}
