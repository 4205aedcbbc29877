package cn.zhangzhou.partybuilding.evaluation.outcome;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * The objective indicators of an organisation (its whole subtree) in a year, each with how it was computed.
 *
 * @param indicators one per {@link OutcomeKind}, in its order
 */
public record Indicators(UUID organisationId, int year, List<Indicator> indicators) {

    /**
     * @param value      the sum of the quantities (hours: approved minutes / 60, two decimals; else a count)
     * @param events     how many events it was made of
     * @param sourceType the CloudEvents type of those events
     * @param sources    the ids they cite (hours entries, wishes, reports, targets), in order
     */
    public record Indicator(OutcomeKind kind, BigDecimal value, String unit, int events, String sourceType,
                            List<UUID> sources) {
    }

    public BigDecimal value(OutcomeKind kind) {
        return indicators.get(kind.ordinal()).value();
    }
}
