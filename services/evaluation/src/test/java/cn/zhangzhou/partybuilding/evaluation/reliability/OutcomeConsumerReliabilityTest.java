package cn.zhangzhou.partybuilding.evaluation.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.evaluation.EvaluationProperties;
import cn.zhangzhou.partybuilding.evaluation.testing.RunningEvaluation;
import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.EventJson;
import cn.zhangzhou.partybuilding.events.EventType;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.membership.CadreRole;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MemberReportAccepted;
import cn.zhangzhou.partybuilding.events.membership.MemberUpdated;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.events.volunteering.HoursApproved;
import cn.zhangzhou.partybuilding.events.volunteering.HoursSource;
import cn.zhangzhou.partybuilding.events.volunteering.ShiftKind;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteerKind;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteeringEvents;
import cn.zhangzhou.partybuilding.testing.EventFeed;
import cn.zhangzhou.partybuilding.testing.EventTap;

/**
 * The outcomes consumer: a redelivered outcome counts once and an older version of it under a new ce_id changes
 * nothing (its row is keyed by its source: decision 0033, no version row), an older version of a member's event after
 * a newer one is skipped (the cadre rows follow the members' order), and poison goes to the dead-letter topic while
 * the next good record counts.
 */
class OutcomeConsumerReliabilityTest {

    private static final RunningEvaluation e = RunningEvaluation.get();
    private static final String TOPIC = Topics.events(RunningEvaluation.DISTRICT, "volunteering");

    private static byte[] approved(UUID hours, UUID community, int minutes) {
        return EventJson.toBytes(new HoursApproved(hours, UUID.randomUUID(), VolunteerKind.MEMBER, "xiangcheng",
                community, ShiftKind.POST, UUID.randomUUID(), false, null, null, minutes,
                LocalDate.now(EvaluationProperties.CHINA), HoursSource.CHECK_IN));
    }

    private static EventEnvelope envelope(UUID subject, long version) {
        return EventEnvelope.create(VolunteeringEvents.HOURS_APPROVED, RunningEvaluation.DISTRICT,
                subject.toString(), version, Instant.now(), null);
    }

    @Test
    void aDuplicateOutcomeCountsOnceAndAnOlderVersionOfItChangesNothing() {
        UUID community = e.feed.community(e.feed.street());
        UUID hours = UUID.randomUUID();
        EventEnvelope first = envelope(hours, EventFeed.nextVersion() + 10);
        EventFeed.sendRaw(TOPIC, hours.toString(), approved(hours, community, 60), first);
        EventFeed.sendRaw(TOPIC, hours.toString(), approved(hours, community, 60), first);
        // The same aggregate at an older version under a new ce_id (a re-published dead letter, say): skipped.
        UUID other = UUID.randomUUID();
        EventFeed.sendRaw(TOPIC, hours.toString(), approved(hours, community, 600),
                envelope(hours, first.aggregateVersion() - 5));
        // A marker after them on the same partition (same key).
        EventFeed.sendRaw(TOPIC, hours.toString(), approved(other, community, 30), envelope(other, 1));
        e.feed.awaitOutcome(other);

        assertThat(e.rows("outcome where organisation_id = '" + community + "'")).isEqualTo(2);
        assertThat(e.rows("outcome where source_id = '" + hours + "' and quantity = 60")).isEqualTo(1);
        // The outcome row's key decides (decision 0033): no version row for an outcome's aggregate.
        assertThat(e.rows("consumed_aggregate where subject in ('" + hours + "', '" + other + "')")).isZero();
    }

    @Test
    void anOlderVersionOfAMembersEventAfterANewerOneIsSkipped() {
        UUID community = e.feed.community(e.feed.street());
        UUID member = UUID.randomUUID();
        String topic = Topics.events(RunningEvaluation.DISTRICT, "membership");
        long version = EventFeed.nextVersion() + 10;
        EventFeed.sendRaw(topic, member.toString(), EventJson.toBytes(new MemberRegistered(member, community,
                RunningEvaluation.DISTRICT, community, MemberCategory.IN_SERVICE, List.of(), CadreRole.HEAD, false)),
                membership(MembershipEvents.MEMBER_REGISTERED, member, version));
        // An earlier update that took the role away, arriving late under its own ce_id: applied, it would drop the
        // community's head from the cadres.
        EventFeed.sendRaw(topic, member.toString(), EventJson.toBytes(new MemberUpdated(member,
                RunningEvaluation.DISTRICT, community, MemberCategory.IN_SERVICE, List.of(), null, false)),
                membership(MembershipEvents.MEMBER_UPDATED, member, version - 5));
        // A marker after them on the same partition (same key).
        UUID report = UUID.randomUUID();
        EventFeed.sendRaw(topic, member.toString(), EventJson.toBytes(new MemberReportAccepted(report, member,
                RunningEvaluation.DISTRICT, community)), membership(MembershipEvents.MEMBER_REPORT_ACCEPTED, report, 1));
        e.feed.awaitOutcome(report);

        assertThat(e.rows("cadre where member_id = '" + member + "' and role = 'HEAD'")).isEqualTo(1);
        assertThat(e.rows("consumed_aggregate where subject = '" + member + "' and consumer = 'evaluation-outcomes' "
                + "and last_version = " + version)).isEqualTo(1);
    }

    private static EventEnvelope membership(EventType<?> type, UUID subject, long version) {
        return EventEnvelope.create(type, RunningEvaluation.DISTRICT, subject.toString(), version, Instant.now(), null);
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheNextRecordCounts() {
        UUID community = e.feed.community(e.feed.street());
        UUID hours = UUID.randomUUID();
        String key = hours.toString();
        EventFeed.sendRaw(TOPIC, key, "not json at all".getBytes(StandardCharsets.UTF_8), envelope(hours, 1));
        String broken = new String(approved(hours, community, 60), StandardCharsets.UTF_8)
                .replace("\"minutes\":60", "\"minutes\":-60");
        EventFeed.sendRaw(TOPIC, key, broken.getBytes(StandardCharsets.UTF_8), envelope(hours, 2));
        EventFeed.sendRaw(TOPIC, key, approved(hours, community, 60), envelope(hours, 3));

        e.feed.awaitOutcome(hours);
        List<ConsumerRecord<String, byte[]>> dead = EventTap.deadLetters(TOPIC, key, 2);
        assertThat(EventTap.payload(dead.get(0))).isEqualTo("not json at all");
        assertThat(EventTap.payload(dead.get(1))).contains("-60");
    }
}
