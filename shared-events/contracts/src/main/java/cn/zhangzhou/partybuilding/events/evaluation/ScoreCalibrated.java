package cn.zhangzhou.partybuilding.events.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The level above overrode (calibrated) an organisation's score in a closed round, with a mandatory reason; the computed score and every override stay in the audit trail. {@code computedScore}, {@code previousScore} may be null. Scores have two decimals (the constructor rounds half up to them), so a payload read back equals the record. */
public record ScoreCalibrated(
        UUID roundId,
        int year,
        RoundLevel level,
        UUID organisationId,
        BigDecimal computedScore,
        BigDecimal previousScore,
        BigDecimal score,
        int rank,
        String reason) implements DomainEvent {

    public ScoreCalibrated {
        computedScore = computedScore == null ? null : computedScore.setScale(2, RoundingMode.HALF_UP);
        previousScore = previousScore == null ? null : previousScore.setScale(2, RoundingMode.HALF_UP);
        score = score == null ? null : score.setScale(2, RoundingMode.HALF_UP);
    }

    @Override
    public String aggregateId() {
        return roundId.toString();
    }
}
