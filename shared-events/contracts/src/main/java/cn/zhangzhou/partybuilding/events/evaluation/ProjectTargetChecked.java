package cn.zhangzhou.partybuilding.events.evaluation;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The level above checked one target of the project on site (实地核查) after the year-end report: the value found and whether the target was met. A verified outcome that counts in the owner's evaluation. */
public record ProjectTargetChecked(
        UUID projectId,
        UUID organisationId,
        int year,
        UUID targetId,
        String indicator,
        String unit,
        int targetValue,
        int valueFound,
        boolean met) implements DomainEvent {

    @Override
    public String aggregateId() {
        return projectId.toString();
    }
}
