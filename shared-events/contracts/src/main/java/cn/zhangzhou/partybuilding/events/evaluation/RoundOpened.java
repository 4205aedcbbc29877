package cn.zhangzhou.partybuilding.events.evaluation;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The district opened the year's round of multi-directional evaluation (多向度考评) of one level, with the weight of each component. */
public record RoundOpened(
        UUID roundId,
        int year,
        RoundLevel level,
        int selfWeight,
        int mutualWeight,
        int assessmentWeight,
        int membersWeight,
        int residentsWeight,
        int objectiveWeight) implements DomainEvent {

    @Override
    public String aggregateId() {
        return roundId.toString();
    }
}
