package cn.zhangzhou.partybuilding.evaluation.round;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.evaluation.outcome.OutcomeKind;

/**
 * An organisation's score in a closed round and how it was computed: each component with its weight, its share after
 * renormalisation and its value; the objective one with each indicator, the round's best value, its events and the
 * ids they cite. An anonymous component below min-raters shows neither its value nor its count.
 *
 * @param score null when no component with a weight was reportable
 * @param rank  among the round's organisations with a score (ties share a rank); null without a score
 */
record Score(UUID organisationId, BigDecimal score, Integer rank, List<Part> components) {

    /**
     * @param weight   the round's weight of the component
     * @param share    its share of the score in percent (weight / sum of the reportable components' weights)
     * @param reported whether it counts: a weight, and a value (at least min-raters for an anonymous one)
     * @param value    0–100, two decimals; null unless reported
     * @param raters   how many ratings made it; null unless reported
     */
    public record Part(Component component, int weight, BigDecimal share, boolean reported, BigDecimal value,
                       Integer raters, List<IndicatorPart> indicators) {
    }

    /**
     * One objective indicator: {@code value} of the organisation, {@code best} of the round's organisations,
     * {@code score} = 100 × value / best (0 when best is 0).
     */
    public record IndicatorPart(OutcomeKind kind, BigDecimal value, BigDecimal best, BigDecimal score, int events,
                                String sourceType, List<UUID> sources) {
    }
}
