package cn.zhangzhou.partybuilding.events.evaluation;

import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A project was set up from a need (以需立项): its owner organisation, its responsible secretary and its measurable targets (以项定责). */
public record ProjectLaunched(
        UUID projectId,
        UUID organisationId,
        int year,
        String title,
        UUID secretaryId,
        List<UUID> wishIds,
        int targets) implements DomainEvent {

    public ProjectLaunched {
        wishIds = wishIds == null ? List.of() : List.copyOf(wishIds);
    }

    @Override
    public String aggregateId() {
        return projectId.toString();
    }
}
