package cn.zhangzhou.partybuilding.events.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.DomainEvent;

/** The district assigned an organisation its grade (考评等次) in a closed round, within the grade quotas (e.g. at most a fifth 优秀). {@code score}, {@code rank} may be null. Scores have two decimals (the constructor rounds half up to them), so a payload read back equals the record. */
public record GradeAssigned(
        UUID roundId,
        int year,
        RoundLevel level,
        UUID organisationId,
        Grade grade,
        BigDecimal score,
        Integer rank) implements DomainEvent {

    public GradeAssigned {
        score = score == null ? null : score.setScale(2, RoundingMode.HALF_UP);
    }

    @Override
    public String aggregateId() {
        return roundId.toString();
    }
}
