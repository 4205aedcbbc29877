package cn.zhangzhou.partybuilding.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.MemberPlaced;
import cn.zhangzhou.partybuilding.events.membership.MemberPlacementMoved;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.wishes.WishesEvents;

/**
 * Consumers ignore an event whose aggregate version is not newer than the last one applied for its
 * subject, so two aggregates with versions of their own must never share a subject.
 */
class AggregateSubjectsTest {

    @Test
    void aMembersPlacementHasASubjectOfItsOwn() {
        UUID member = UUID.randomUUID();
        UUID community = UUID.randomUUID();
        String registered = new MemberRegistered(member, UUID.randomUUID(), "xiangcheng", community,
                MemberCategory.IN_SERVICE, List.of(), null, false).aggregateId();
        String placed = new MemberPlaced(member, "xiangcheng", community, UUID.randomUUID(), UUID.randomUUID())
                .aggregateId();
        String moved = new MemberPlacementMoved(member, "xiangcheng", community, UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID()).aggregateId();
        assertThat(placed).isNotEqualTo(registered).isEqualTo(moved).isEqualTo("placement:" + member);
    }

    /** A wish's claim state is part of the wish: every wishes event has the wish as its subject. */
    @Test
    void everyWishesEventHasTheWishAsItsSubject() {
        List<DomainEvent> wishes = EventSamples.all().stream()
                .filter(event -> EventCatalog.of(event).service().equals(WishesEvents.SERVICE))
                .toList();

        assertThat(wishes.stream().map(event -> event.getClass().getSimpleName()).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(WishesEvents.ALL.stream().map(EventType::name).toList());
        assertThat(wishes).extracting(DomainEvent::aggregateId).containsOnly(EventSamples.WISH.toString());
        // Claim and community ids are in every sample too: the subject must not be one of them.
        assertThat(EventSamples.WISH).isNotIn(EventSamples.CLAIM, EventSamples.QUNYU_COMMUNITY);
    }
}
