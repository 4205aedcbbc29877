package cn.zhangzhou.partybuilding.events.evaluation;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The district closed the round: no more ratings; every organisation's score was published (OrganisationScored) before it. */
public record RoundClosed(
        UUID roundId,
        int year,
        RoundLevel level,
        int organisations,
        int scored) implements DomainEvent {

    @Override
    public String aggregateId() {
        return roundId.toString();
    }
}
