package cn.zhangzhou.partybuilding.evaluation.round;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.evaluation.Grade;

/**
 * An organisation's result in a closed round: its score and rank now (calibrated if they were), its grade, how the
 * score was computed at the close, and every calibration since (the audit trail).
 */
record ScoreView(UUID organisationId, BigDecimal score, Integer rank, Grade grade, Score computed,
                        List<Calibration> calibrations) {

    /** One override by the level above: the score before it, the new one, why, who and when. */
    public record Calibration(BigDecimal previous, BigDecimal score, String reason, String calibratedBy,
                              Instant calibratedAt) {
    }
}
