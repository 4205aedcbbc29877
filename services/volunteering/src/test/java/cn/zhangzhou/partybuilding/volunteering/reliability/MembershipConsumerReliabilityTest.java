package cn.zhangzhou.partybuilding.volunteering.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.EventJson;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MemberUpdated;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.testing.EventTap;
import cn.zhangzhou.partybuilding.volunteering.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering;

/**
 * The membership consumer of the directory: a redelivered event has no second effect (not even after a newer one),
 * and poison records go to the dead-letter topic while the next good record is still applied.
 */
class MembershipConsumerReliabilityTest {

    private static final RunningVolunteering v = RunningVolunteering.get();
    private static final MembershipFeed feed = v.feed;
    private static final String DISTRICT = RunningVolunteering.DISTRICT;

    private static EventEnvelope envelope(String key, boolean updated) {
        return EventEnvelope.create(updated ? MembershipEvents.MEMBER_UPDATED : MembershipEvents.MEMBER_REGISTERED,
                DISTRICT, key, MembershipFeed.nextVersion(), Instant.now(), null);
    }

    @Test
    void theSameEventDeliveredTwiceIsAppliedOnceAndAnOlderOneNeverUndoesANewer() {
        UUID first = feed.community();
        UUID second = feed.community();
        UUID member = UUID.randomUUID();
        String key = member.toString();
        byte[] registered = EventJson.toBytes(new MemberRegistered(member, feed.district(), DISTRICT, first,
                MemberCategory.RETIRED, List.of(), null, false));
        EventEnvelope registeredEnvelope = envelope(key, false);
        feed.publishRaw(DISTRICT, key, registered, registeredEnvelope);
        feed.publishRaw(DISTRICT, key, registered, registeredEnvelope);
        feed.awaitRow("directory.member where member_id = '" + member + "' and residence_community_id = '" + first
                + "'");

        feed.publishRaw(DISTRICT, key, EventJson.toBytes(new MemberUpdated(member, DISTRICT, second,
                MemberCategory.RETIRED, List.of(), null, false)), envelope(key, true));
        feed.publishRaw(DISTRICT, key, registered, registeredEnvelope);
        // A marker after them on the same partition (same key): once it is applied, they all were seen.
        UUID marker = UUID.randomUUID();
        feed.publishRaw(DISTRICT, key, EventJson.toBytes(new MemberRegistered(marker, feed.district(), DISTRICT, first,
                MemberCategory.RETIRED, List.of(), null, false)), EventEnvelope.create(
                MembershipEvents.MEMBER_REGISTERED, DISTRICT, marker.toString(), MembershipFeed.nextVersion(),
                Instant.now(), null));
        feed.awaitRow("directory.member where member_id = '" + marker + "'");

        assertThat(v.rows("directory.member where member_id = '" + member + "' and residence_community_id = '"
                + second + "'"))
                .isEqualTo(1);
        // Decided by the version alone (decision 0028): the member's version row holds the move's, above the
        // registration's.
        assertThat(v.rows("consumed_aggregate where subject = '" + key + "' and last_version > "
                + registeredEnvelope.aggregateVersion())).isEqualTo(1);
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheNextRecordIsApplied() {
        UUID member = UUID.randomUUID();
        String key = member.toString();
        feed.publishRaw(DISTRICT, key, "not json at all".getBytes(StandardCharsets.UTF_8), envelope(key, false));
        String broken = "{\"memberId\":\"" + member + "\",\"homeOrganisationId\":\"" + feed.district() + "\","
                + "\"residenceDistrict\":\"" + DISTRICT + "\",\"residenceCommunityId\":null,\"category\":\"ROBOT\","
                + "\"specialties\":[],\"cadreRole\":null,\"communityWorker\":false}";
        feed.publishRaw(DISTRICT, key, broken.getBytes(StandardCharsets.UTF_8), envelope(key, false));
        UUID community = feed.community();
        feed.publishRaw(DISTRICT, key, EventJson.toBytes(new MemberRegistered(member, feed.district(), DISTRICT,
                community, MemberCategory.RETIRED, List.of(), null, false)), envelope(key, false));

        feed.awaitRow("directory.member where member_id = '" + member + "' and residence_community_id = '"
                + community + "'");
        List<ConsumerRecord<String, byte[]>> dead =
                EventTap.deadLetters(Topics.events(DISTRICT, "membership"), key, 2);
        assertThat(dead).allSatisfy(r -> assertThat(EventTap.type(r)).isNotNull());
        assertThat(EventTap.payload(dead.get(0))).isEqualTo("not json at all");
        assertThat(EventTap.payload(dead.get(1))).contains("ROBOT");
    }
}
