package cn.zhangzhou.partybuilding.events.wishes;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The community sent a posted wish back for revision (退回修改), with a reason. */
public record WishSentBack(
        UUID wishId,
        UUID communityId,
        String reason) implements DomainEvent {

    @Override
    public String aggregateId() {
        return wishId.toString();
    }
}
