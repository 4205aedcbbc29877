package cn.zhangzhou.partybuilding.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.MemberPlaced;
import cn.zhangzhou.partybuilding.events.membership.MemberPlacementMoved;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;

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
}
