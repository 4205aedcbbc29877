package cn.zhangzhou.partybuilding.events.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The closed round's composite score and rank of one organisation: the weighted mean of its reportable components (weights renormalised over them). No individual rating and no rater count is in it. {@code score}, {@code rank} may be null. Scores have two decimals (the constructor rounds half up to them), so a payload read back equals the record. */
public record OrganisationScored(
        UUID roundId,
        int year,
        RoundLevel level,
        UUID organisationId,
        BigDecimal score,
        Integer rank) implements DomainEvent {

    public OrganisationScored {
        score = score == null ? null : score.setScale(2, RoundingMode.HALF_UP);
    }

    @Override
    public String aggregateId() {
        return roundId.toString();
    }
}
