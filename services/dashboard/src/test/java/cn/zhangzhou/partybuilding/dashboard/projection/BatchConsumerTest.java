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
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

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

/**
 * The batch listener: with the consumer paused while they are published, a duplicate, a stale version and poison
 * reach it in one poll, among good records before and after them; every good record is applied exactly once.
 */
class BatchConsumerTest {

    private static final RunningDashboard d = RunningDashboard.get();
    private static final String X = ArticleCity.XIANGCHENG;
    private final UUID community = d.city.communities.get(X).get(9);

    @Test
    void aDuplicateAStaleVersionAndPoisonInOnePollLeaveEveryGoodRecordAppliedOnce() {
        UUID member = DistrictEvents.member(X, community, MemberCategory.IN_SERVICE, null, false);
        await().atMost(Duration.ofSeconds(30)).until(() -> d.rows("member where id = '" + member + "'") == 1);
        MessageListenerContainer listener = d.context.getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer(EventsListener.CONSUMER);
        listener.pause();
        await().atMost(Duration.ofSeconds(30)).until(listener::isContainerPaused);

        long staleBefore = d.consumed("stale");
        UUID wish = UUID.randomUUID();
        String wishes = Topics.events(X, WishesEvents.SERVICE);
        EventEnvelope before;
        EventEnvelope stale;
        EventEnvelope after;
        try {
            before = hours(LocalDate.of(2019, 3, 1));
            HoursApproved twice = hoursEvent(LocalDate.of(2019, 3, 2));
            EventEnvelope duplicated = DistrictEvents.send(X, VolunteeringEvents.SERVICE,
                    VolunteeringEvents.HOURS_APPROVED, twice, Instant.now());
            EventFeed.sendRaw(Topics.events(X, VolunteeringEvents.SERVICE), duplicated.subject(),
                    EventJson.toBytes(twice), duplicated);
            DistrictEvents.send(X, MembershipEvents.SERVICE, MembershipEvents.MEMBER_UPDATED, new MemberUpdated(member,
                    X, community, MemberCategory.RETIRED, List.of(), null, false), Instant.now());
            stale = EventEnvelope.create(MembershipEvents.MEMBER_UPDATED, X, member.toString(), 1, Instant.now(), null);
            EventFeed.sendRaw(Topics.events(X, MembershipEvents.SERVICE), member.toString(), EventJson.toBytes(
                    new MemberUpdated(member, X, community, MemberCategory.IN_SERVICE, List.of(), null, true)), stale);
            EventFeed.sendRaw(wishes, wish.toString(), "poison".getBytes(StandardCharsets.UTF_8),
                    EventEnvelope.create(WishesEvents.WISH_POSTED, X, wish.toString(), EventFeed.nextVersion(),
                            Instant.now(), null));
            DistrictEvents.send(X, WishesEvents.SERVICE, WishesEvents.WISH_POSTED, new WishPosted(wish, community,
                    null, WishCategory.STUDY, 50, PostedBy.RESIDENT, UUID.randomUUID()), Instant.now());
            after = hours(LocalDate.of(2019, 3, 3));
        } finally {
            listener.resume();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> d.rows("hours where id = '" + after.subject() + "'") == 1
                && d.rows("wish where id = '" + wish + "'") == 1
                && d.consumed("stale") > staleBefore);
        assertThat(d.rows("hours where id = '" + before.subject() + "'")).isEqualTo(1);
        assertThat(d.rows("hours where community_id = '" + community + "' and served_on between '2019-03-01' and "
                + "'2019-03-03'")).isEqualTo(3);
        List<ConsumerRecord<String, byte[]>> dead = EventTap.deadLetters(wishes, wish.toString(), 1);
        assertThat(EventTap.payload(dead.get(0))).isEqualTo("poison");
        assertThat(d.rows("member where id = '" + member + "' and category = 'RETIRED' and not community_worker"))
                .isEqualTo(1);
        assertThat(d.rows("wish_step where wish_id = '" + wish + "'")).isEqualTo(1);
    }

    private EventEnvelope hours(LocalDate servedOn) {
        return DistrictEvents.send(X, VolunteeringEvents.SERVICE, VolunteeringEvents.HOURS_APPROVED,
                hoursEvent(servedOn), Instant.now());
    }

    private HoursApproved hoursEvent(LocalDate servedOn) {
        return new HoursApproved(UUID.randomUUID(), UUID.randomUUID(), VolunteerKind.RESIDENT, X, community,
                ShiftKind.POST, UUID.randomUUID(), false, "LEGAL", null, 30, servedOn, HoursSource.CLAIM);
    }
}
