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
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.volunteering.HoursApproved;
import cn.zhangzhou.partybuilding.events.volunteering.HoursSource;
import cn.zhangzhou.partybuilding.events.volunteering.ShiftKind;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteerKind;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteeringEvents;
import cn.zhangzhou.partybuilding.testing.EventFeed;
import cn.zhangzhou.partybuilding.testing.EventTap;

/**
 * The outcomes consumer: a redelivered event counts once, an older version of an aggregate arriving under a new
 * ce_id after a newer one is skipped, and poison goes to the dead-letter topic while the next good record counts.
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
    void aDuplicateCountsOnceAndAStaleVersionIsSkipped() {
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
        // Decided by the version alone (decision 0028): the aggregate's version row holds the one applied.
        assertThat(e.rows("consumed_aggregate where subject = '" + hours + "' and last_version = "
                + first.aggregateVersion())).isEqualTo(1);
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
