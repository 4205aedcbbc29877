package cn.zhangzhou.partybuilding.evaluation.outcome;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import cn.zhangzhou.partybuilding.evaluation.EvaluationProperties;
import cn.zhangzhou.partybuilding.events.DomainEvent;
import cn.zhangzhou.partybuilding.events.EventType;
import cn.zhangzhou.partybuilding.events.evaluation.ProjectTargetChecked;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MemberReportAccepted;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferredOut;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferredWithinDistrict;
import cn.zhangzhou.partybuilding.events.membership.MemberUpdated;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.events.membership.UnitReportAccepted;
import cn.zhangzhou.partybuilding.events.volunteering.HoursApproved;
import cn.zhangzhou.partybuilding.events.wishes.WishConfirmed;
import cn.zhangzhou.partybuilding.events.wishes.WishPosted;
import cn.zhangzhou.partybuilding.messaging.BatchedWrites;
import cn.zhangzhou.partybuilding.messaging.InboundEvents;
import cn.zhangzhou.partybuilding.messaging.IncomingEvent;

/**
 * Keeps the verified outcomes of this district from its services' topics: membership (accepted member and unit
 * reports), wishes (posted wishes, which projects answer, and confirmed ones), volunteering (approved hours) and our
 * own (targets the on-site check found met), and the two committees' cadres (党员 with a cadre role, by their home
 * organisation), so every indicator, ours included, is rebuilt by reading the topics from
 * the beginning. A poll's events are applied in one transaction with their dedup records
 * ({@link InboundEvents#processBatch}: duplicates applied once, stale versions skipped, poison dead-lettered alone),
 * their rows sent as JDBC batches. Only the members' events, whose cadre rows follow their order, keep a version row
 * per aggregate (decision 0033): every outcome and posted wish is an insert keyed by its own source, which a second
 * delivery leaves as it is, and the types not applied change nothing. Its own consumer group: the directory reads the
 * membership topic in the service's group.
 */
@Component
class OutcomeListener {

    static final String CONSUMER = "evaluation-outcomes";

    /** The types whose effect (the cadre rows) depends on the order of their aggregate's events. */
    private static final Set<EventType<?>> ORDERED = Set.of(MembershipEvents.MEMBER_REGISTERED,
            MembershipEvents.MEMBER_UPDATED, MembershipEvents.MEMBER_TRANSFERRED_WITHIN_DISTRICT,
            MembershipEvents.MEMBER_TRANSFERRED_OUT);

    private final InboundEvents inbound;
    private final OutcomeStore outcomes;

    OutcomeListener(InboundEvents inbound, OutcomeStore outcomes) {
        this.inbound = inbound;
        this.outcomes = outcomes;
    }

    /** {@code zz.evaluation.outcome-consumers} consumers share the partitions (decision 0026, "Evaluation"). */
    @KafkaListener(id = CONSUMER, groupId = "${spring.kafka.consumer.group-id}-outcomes",
            concurrency = "${zz.evaluation.outcome-consumers:2}", topics = {
            "${zz.district}.membership.events", "${zz.district}.wishes.events", "${zz.district}.volunteering.events",
            "${zz.district}.evaluation.events"}, batch = "true")
    void onEvents(List<ConsumerRecord<String, byte[]>> records) {
        inbound.processBatch(CONSUMER, records, this::apply, ORDERED::contains);
    }

    void apply(List<IncomingEvent<?>> events) {
        BatchedWrites writes = outcomes.writes();
        events.forEach(event -> apply(writes, event));
        writes.flush();
    }

    private void apply(BatchedWrites writes, IncomingEvent<?> event) {
        UUID id = event.envelope().id();
        int year = EvaluationProperties.yearOf(event.envelope().time());
        DomainEvent data = event.data();
        if (data instanceof HoursApproved e && !e.training()) {
            outcomes.record(writes, id, OutcomeKind.HOURS_SERVED, e.hoursId(), e.communityId(), e.servedOn().getYear(),
                    e.minutes());
        } else if (data instanceof WishPosted e) {
            outcomes.wishPosted(writes, e.wishId(), e.communityId());
        } else if (data instanceof WishConfirmed e) {
            outcomes.record(writes, id, OutcomeKind.WISHES_CONFIRMED, e.wishId(), e.communityId(), year, 1);
        } else if (data instanceof MemberReportAccepted e) {
            outcomes.record(writes, id, OutcomeKind.MEMBER_REPORTS_ACCEPTED, e.reportId(), e.communityId(), year, 1);
        } else if (data instanceof UnitReportAccepted e) {
            outcomes.record(writes, id, OutcomeKind.UNIT_REPORTS_ACCEPTED, e.reportId(), e.communityId(), year, 1);
        } else if (data instanceof ProjectTargetChecked e && e.met()) {
            outcomes.record(writes, id, OutcomeKind.TARGETS_MET, e.targetId(), e.organisationId(), e.year(), 1);
        } else if (data instanceof MemberRegistered e) {
            outcomes.cadre(writes, e.memberId(), e.homeOrganisationId(), e.cadreRole());
        } else if (data instanceof MemberUpdated e) {
            outcomes.cadreRole(writes, e.memberId(), e.cadreRole());
        } else if (data instanceof MemberTransferredWithinDistrict e) {
            outcomes.cadreMoved(writes, e.memberId(), e.toOrganisationId());
        } else if (data instanceof MemberTransferredOut e) {
            outcomes.cadre(writes, e.memberId(), null, null);
        }
        // Everything else (claims, sign-ups, log-ins ...) is activity, not a verified outcome: not scored. Members'
        // registrations and transfers only keep the two committees' cadres (who must lead a project).
    }
}
