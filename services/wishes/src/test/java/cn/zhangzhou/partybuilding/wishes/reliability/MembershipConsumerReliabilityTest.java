package cn.zhangzhou.partybuilding.wishes.reliability;

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
import cn.zhangzhou.partybuilding.wishes.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.wishes.testing.RunningWishes;

/**
 * The wishes service's membership consumer: a redelivered event has no second effect (not even after a newer
 * one), and poison records go to the dead-letter topic while the next good record is still applied.
 */
class MembershipConsumerReliabilityTest {

    private static final RunningWishes w = RunningWishes.get();
    private static final MembershipFeed feed = w.feed;

    private static final String DISTRICT = RunningWishes.DISTRICT;

    @Test
    void theSameEventDeliveredTwiceIsAppliedOnce() {
        UUID first = feed.community();
        UUID second = feed.community();
        UUID member = UUID.randomUUID();
        String key = member.toString();
        MemberRegistered registered = new MemberRegistered(member, feed.root(), DISTRICT, first,
                MemberCategory.IN_SERVICE, List.of(), null, false);
        byte[] registeredBytes = EventJson.toBytes(registered);
        EventEnvelope registeredEnvelope = EventEnvelope.create(MembershipEvents.MEMBER_REGISTERED, DISTRICT, key,
                MembershipFeed.nextVersion(), Instant.now(), null);
        MembershipFeed.sendRaw(DISTRICT, key, registeredBytes, registeredEnvelope);
        // The very same record again at once (the relay retried after a lost acknowledgement).
        MembershipFeed.sendRaw(DISTRICT, key, registeredBytes, registeredEnvelope);
        feed.awaitRows("directory.member where member_id = '" + member + "' and residence_community_id = '" + first
                + "'");

        // The member moves; then the registration is delivered once more (a consumer rebalance replays it).
        MemberUpdated moved = new MemberUpdated(member, DISTRICT, second, MemberCategory.IN_SERVICE, List.of(), null,
                false);
        MembershipFeed.sendRaw(DISTRICT, key, EventJson.toBytes(moved), EventEnvelope.create(
                MembershipEvents.MEMBER_UPDATED, DISTRICT, key, MembershipFeed.nextVersion(), Instant.now(), null));
        MembershipFeed.sendRaw(DISTRICT, key, registeredBytes, registeredEnvelope);
        // A marker after them on the same partition (same key): once it is applied, they all were seen.
        UUID marker = UUID.randomUUID();
        MemberRegistered markerEvent = new MemberRegistered(marker, feed.root(), DISTRICT, first,
                MemberCategory.IN_SERVICE, List.of(), null, false);
        MembershipFeed.sendRaw(DISTRICT, key, EventJson.toBytes(markerEvent), EventEnvelope.create(
                MembershipEvents.MEMBER_REGISTERED, DISTRICT, marker.toString(), MembershipFeed.nextVersion(),
                Instant.now(), null));
        feed.awaitRows("directory.member where member_id = '" + marker + "'");

        assertThat(w.rows("directory.member where member_id = '" + member + "' and residence_community_id = '"
                + second + "'"))
                .isEqualTo(1);
        // Decided by the version alone (decision 0028): the member's version row holds the move's, above the
        // registration's.
        assertThat(w.rows("consumed_aggregate where subject = '" + key + "' and last_version > "
                + registeredEnvelope.aggregateVersion())).isEqualTo(1);
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheNextRecordIsApplied() {
        UUID member = UUID.randomUUID();
        String key = member.toString();
        MembershipFeed.sendRaw(DISTRICT, key, "not json at all".getBytes(StandardCharsets.UTF_8),
                EventEnvelope.create(MembershipEvents.MEMBER_REGISTERED, DISTRICT, key, MembershipFeed.nextVersion(),
                        Instant.now(), null));
        // JSON that breaks the schema (category is not a member category).
        String broken = "{\"memberId\":\"" + member + "\",\"homeOrganisationId\":\"" + feed.root() + "\","
                + "\"residenceDistrict\":\"" + DISTRICT + "\",\"residenceCommunityId\":null,\"category\":\"ROBOT\","
                + "\"specialties\":[],\"cadreRole\":null,\"communityWorker\":false}";
        MembershipFeed.sendRaw(DISTRICT, key, broken.getBytes(StandardCharsets.UTF_8), EventEnvelope.create(
                MembershipEvents.MEMBER_REGISTERED, DISTRICT, key, MembershipFeed.nextVersion(), Instant.now(), null));
        UUID community = feed.community();
        MemberRegistered valid = new MemberRegistered(member, feed.root(), DISTRICT, community,
                MemberCategory.IN_SERVICE, List.of(), null, false);
        MembershipFeed.sendRaw(DISTRICT, key, EventJson.toBytes(valid), EventEnvelope.create(
                MembershipEvents.MEMBER_REGISTERED, DISTRICT, key, MembershipFeed.nextVersion(), Instant.now(), null));

        feed.awaitRows("directory.member where member_id = '" + member + "' and residence_community_id = '"
                + community + "'");
        List<ConsumerRecord<String, byte[]>> deadLetters =
                EventTap.deadLetters(Topics.events(DISTRICT, "membership"), key, 2);
        assertThat(deadLetters).hasSize(2);
        assertThat(deadLetters).allSatisfy(r -> assertThat(r.headers().lastHeader("ce_type")).isNotNull());
        assertThat(new String(deadLetters.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not json at all");
    }
}
