package cn.zhangzhou.partybuilding.events.volunteering;

import java.time.LocalDate;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** A brand project recorded services of one type and their count, e.g. 12 pre-trial mediations or 3 criminal leads reported. {@code campaignId} may be null. */
public record ServiceRecorded(
        UUID projectId,
        UUID recordId,
        UUID organisationId,
        String type,
        int quantity,
        LocalDate occurredOn,
        UUID campaignId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return projectId.toString();
    }
}
