package cn.zhangzhou.partybuilding.evaluation.round;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.membership.CadreRole;

/**
 * A cadre's year-end score in a closed round and how it was computed (decision 0027): the score of the organisation
 * the cadre serves and the level above's assessment of the cadre, each with its weight and its share after
 * renormalisation.
 *
 * @param organisationId the organisation the cadre served at the close
 * @param score          null when neither part has a value
 * @param rank           among the round's cadres with a score (ties share a rank); null without a score
 */
record CadreScore(UUID memberId, UUID organisationId, CadreRole role, BigDecimal score, Integer rank,
                  List<Part> parts) {

    /** What a cadre's score is made of. */
    public enum Source {
        /** the score of the organisation the cadre serves, in the same round */
        ORGANISATION,
        /** the level above's assessment of the cadre (考评), 0–100 */
        ASSESSMENT
    }

    /**
     * @param weight   the district's weight of the part
     * @param share    its share of the score in percent (weight / sum of the reported parts' weights)
     * @param reported whether it counts: a weight and a value
     * @param value    0–100, two decimals; null unless reported
     */
    public record Part(Source source, int weight, BigDecimal share, boolean reported, BigDecimal value) {
    }
}
