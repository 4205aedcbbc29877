package cn.zhangzhou.partybuilding.events.wishes;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The community published a screened wish on its needs menu (需求菜单), where it can be claimed. */
public record WishPublished(
        UUID wishId,
        UUID communityId,
        boolean priority) implements DomainEvent {

    @Override
    public String aggregateId() {
        return wishId.toString();
    }
}
