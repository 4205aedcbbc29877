package cn.zhangzhou.partybuilding.dashboard.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.dashboard.testing.ArticleCity;
import cn.zhangzhou.partybuilding.dashboard.testing.DistrictEvents;
import cn.zhangzhou.partybuilding.dashboard.testing.RunningDashboard;
import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.EventJson;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.MemberUpdated;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.events.volunteering.HoursApproved;
import cn.zhangzhou.partybuilding.events.volunteering.HoursSource;
import cn.zhangzhou.partybuilding.events.volunteering.ShiftKind;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteerKind;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteeringEvents;
import cn.zhangzhou.partybuilding.events.wishes.PostedBy;
import cn.zhangzhou.partybuilding.events.wishes.WishCategory;
import cn.zhangzhou.partybuilding.events.wishes.WishPosted;
import cn.zhangzhou.partybuilding.events.wishes.WishesEvents;
import cn.zhangzhou.partybuilding.testing.EventFeed;
import cn.zhangzhou.partybuilding.testing.EventTap;

/** The consumer of every district's events: a duplicate applied once, a stale version skipped, poison dead-lettered. */
class ConsumerReliabilityTest {

    private static final RunningDashboard d = RunningDashboard.get();
    private static final String X = ArticleCity.XIANGCHENG;
    private final UUID community = d.city.communities.get(X).get(7);

    @Test
    void aDuplicateIsAppliedOnce() {
        HoursApproved approved = new HoursApproved(UUID.randomUUID(), UUID.randomUUID(), VolunteerKind.RESIDENT, X,
                community, ShiftKind.POST, UUID.randomUUID(), false, "REPAIRS", null, 40, LocalDate.of(2018, 1, 2),
                HoursSource.CLAIM);
        long duplicates = d.consumed("duplicate");
        EventEnvelope hours = DistrictEvents.send(X, VolunteeringEvents.SERVICE, VolunteeringEvents.HOURS_APPROVED,
                approved, Instant.now());
        EventFeed.sendRaw(Topics.events(X, VolunteeringEvents.SERVICE), hours.subject(), EventJson.toBytes(approved),
                hours);
        await().atMost(Duration.ofSeconds(30)).until(() -> d.rows("hours where id = '" + hours.subject() + "'") == 1);
        EventEnvelope marker = DistrictEvents.hours(X, community, "REPAIRS", false, 1, LocalDate.of(2018, 1, 3));
        await().atMost(Duration.ofSeconds(30)).until(() -> d.rows("hours where id = '" + marker.subject() + "'") == 1);
        assertThat(d.consumed("duplicate")).as("the copy seen as the version already applied")
                .isGreaterThan(duplicates);
        assertThat(d.rows("hours where community_id = '" + community + "' and specialty = 'REPAIRS'")).isEqualTo(2);
    }

    @Test
    void aStaleVersionIsSkipped() {
        UUID member = DistrictEvents.member(X, community, MemberCategory.IN_SERVICE, null, false);
        await().atMost(Duration.ofSeconds(30)).until(() -> d.rows("member where id = '" + member + "'") == 1);
        // An earlier version of the member (say, a dead letter re-published) arrives after the newer one.
        long staleBefore = d.consumed("stale");
        MemberUpdated older = new MemberUpdated(member, X, community, MemberCategory.RETIRED, List.of(), null, true);
        EventEnvelope stale = EventEnvelope.create(MembershipEvents.MEMBER_UPDATED, X, member.toString(), 1,
                Instant.now(), null);
        EventFeed.sendRaw(Topics.events(X, "membership"), member.toString(), EventJson.toBytes(older), stale);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> d.consumed("stale") > staleBefore);
        assertThat(d.rows("member where id = '" + member + "' and category = 'IN_SERVICE' and not community_worker"))
                .isEqualTo(1);
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheNextRecordIsApplied() {
        UUID wish = UUID.randomUUID();
        String key = wish.toString();
        String topic = Topics.events(X, "wishes");
        EventFeed.sendRaw(topic, key, "not json at all".getBytes(StandardCharsets.UTF_8), envelope(key));
        EventFeed.sendRaw(topic, key, ("{\"wishId\":\"" + wish + "\",\"communityId\":\"" + community + "\"}")
                .getBytes(StandardCharsets.UTF_8), envelope(key));
        EventFeed.sendRaw(topic, key, EventJson.toBytes(new WishPosted(wish, community, null, WishCategory.STUDY, 50,
                PostedBy.RESIDENT, UUID.randomUUID())), envelope(key));

        await().atMost(Duration.ofSeconds(30)).until(() -> d.rows("wish where id = '" + wish + "'") == 1);
        List<ConsumerRecord<String, byte[]>> dead = EventTap.deadLetters(topic, key, 2);
        assertThat(EventTap.payload(dead.get(0))).isEqualTo("not json at all");
        assertThat(EventTap.payload(dead.get(1))).doesNotContain("beneficiaryId");
    }

    private static EventEnvelope envelope(String key) {
        return EventEnvelope.create(WishesEvents.WISH_POSTED, X, key, EventFeed.nextVersion(), Instant.now(), null);
    }
}
