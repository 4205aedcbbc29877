package cn.zhangzhou.partybuilding.evaluation.round;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.zhangzhou.partybuilding.evaluation.EvaluationProperties;
import cn.zhangzhou.partybuilding.evaluation.outcome.Indicators;
import cn.zhangzhou.partybuilding.evaluation.outcome.OutcomeKind;
import cn.zhangzhou.partybuilding.evaluation.outcome.OutcomeStore;

/**
 * The formulas of a round's scores (decision 0021), on the round's inputs only, so the same inputs give the same
 * scores to the last digit:
 * <ul>
 * <li>a rated component: the mean of its ratings (0–100); reported when it has a weight and a rating (an anonymous
 *     one: at least {@code minRaters});</li>
 * <li>the objective component: the mean over the indicators of 100 × value / the best value among the round's
 *     organisations (0 when the best is 0);</li>
 * <li>the score: Σ weight × value / Σ weight over the reported components (the weights of the others are left out and
 *     the rest renormalised); none when nothing is reported;</li>
 * <li>the rank: 1 + how many organisations scored strictly higher;</li>
 * <li>a cadre's score (decision 0027): the same weighted mean over their organisation's score and the level above's
 *     assessment of the cadre, ranked among the round's cadres.</li>
 * </ul>
 * Values are rounded half up to two decimals once, at the end of each formula.
 */
final class Scoring {

    /** The sum and count of one component's ratings of one organisation. */
    record Tally(long sum, int count) {
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int WORKING_SCALE = 10;

    private Scoring() {
    }

    static List<Score> scores(Round.Weights weights, int minRaters, List<UUID> organisations,
                              Map<UUID, Map<Component, Tally>> ratings, Map<UUID, Indicators> indicators) {
        Map<OutcomeKind, BigDecimal> best = best(organisations, indicators);
        List<Score> unranked = new ArrayList<>();
        for (UUID organisation : organisations) {
            unranked.add(score(weights, minRaters, organisation, ratings.getOrDefault(organisation, Map.of()),
                    indicators.get(organisation), best));
        }
        List<BigDecimal> all = unranked.stream().map(Score::score).toList();
        List<Score> ranked = new ArrayList<>();
        for (Score s : unranked) {
            ranked.add(new Score(s.organisationId(), s.score(), rank(s.score(), all), s.components()));
        }
        ranked.sort(Comparator.comparing((Score s) -> s.rank() == null ? Integer.MAX_VALUE : s.rank())
                .thenComparing(Score::organisationId));
        return ranked;
    }

    /**
     * The cadres' scores: Σ weight × value / Σ weight over the parts with a value (their organisation's score in the
     * round, the level above's assessment of the cadre), ranked among the round's cadres.
     *
     * @param organisations the round's scores by organisation (an organisation without a score: absent or null)
     * @param assessments   the level above's assessment of each assessed cadre, by member
     */
    static List<CadreScore> cadreScores(EvaluationProperties.CadreWeights weights, List<OutcomeStore.Cadre> cadres,
                                        Map<UUID, BigDecimal> organisations, Map<UUID, Integer> assessments) {
        List<CadreScore> unranked = new ArrayList<>();
        for (OutcomeStore.Cadre c : cadres) {
            Integer assessment = assessments.get(c.memberId());
            unranked.add(cadreScore(weights, c, organisations.get(c.organisationId()),
                    assessment == null ? null : BigDecimal.valueOf(assessment).setScale(2)));
        }
        List<BigDecimal> all = unranked.stream().map(CadreScore::score).toList();
        List<CadreScore> ranked = new ArrayList<>();
        for (CadreScore s : unranked) {
            ranked.add(new CadreScore(s.memberId(), s.organisationId(), s.role(), s.score(), rank(s.score(), all),
                    s.parts()));
        }
        ranked.sort(Comparator.comparing((CadreScore s) -> s.rank() == null ? Integer.MAX_VALUE : s.rank())
                .thenComparing(CadreScore::memberId));
        return ranked;
    }

    private static CadreScore cadreScore(EvaluationProperties.CadreWeights weights, OutcomeStore.Cadre cadre,
                                         BigDecimal organisation, BigDecimal assessment) {
        Map<CadreScore.Source, BigDecimal> values = new java.util.EnumMap<>(CadreScore.Source.class);
        Map<CadreScore.Source, Integer> weightOf = Map.of(CadreScore.Source.ORGANISATION, weights.organisation(),
                CadreScore.Source.ASSESSMENT, weights.assessment());
        if (organisation != null && weights.organisation() > 0) {
            values.put(CadreScore.Source.ORGANISATION, organisation);
        }
        if (assessment != null && weights.assessment() > 0) {
            values.put(CadreScore.Source.ASSESSMENT, assessment);
        }
        int reportedWeight = values.keySet().stream().mapToInt(weightOf::get).sum();
        BigDecimal weighted = BigDecimal.ZERO;
        List<CadreScore.Part> parts = new ArrayList<>();
        for (CadreScore.Source source : CadreScore.Source.values()) {
            int weight = weightOf.get(source);
            BigDecimal value = values.get(source);
            if (value == null) {
                parts.add(new CadreScore.Part(source, weight, BigDecimal.ZERO.setScale(2), false, null));
                continue;
            }
            weighted = weighted.add(value.multiply(BigDecimal.valueOf(weight)));
            parts.add(new CadreScore.Part(source, weight, round(BigDecimal.valueOf(weight).multiply(HUNDRED)
                    .divide(BigDecimal.valueOf(reportedWeight), WORKING_SCALE, RoundingMode.HALF_UP)), true, value));
        }
        BigDecimal score = reportedWeight == 0 ? null
                : round(weighted.divide(BigDecimal.valueOf(reportedWeight), WORKING_SCALE, RoundingMode.HALF_UP));
        return new CadreScore(cadre.memberId(), cadre.organisationId(), cadre.role(), score, null, parts);
    }

    /** 1 + how many of all scored strictly higher; null without a score. */
    private static Integer rank(BigDecimal score, List<BigDecimal> all) {
        return score == null ? null
                : 1 + (int) all.stream().filter(o -> o != null && o.compareTo(score) > 0).count();
    }

    private static Score score(Round.Weights weights, int minRaters, UUID organisation, Map<Component, Tally> ratings,
                               Indicators indicators, Map<OutcomeKind, BigDecimal> best) {
        List<Score.IndicatorPart> objective = objective(indicators, best);
        int reportedWeight = 0;
        for (Component c : Component.values()) {
            if (reported(c, weights, minRaters, ratings)) {
                reportedWeight += weights.of(c);
            }
        }
        BigDecimal weighted = BigDecimal.ZERO;
        List<Score.Part> parts = new ArrayList<>();
        for (Component c : Component.values()) {
            int weight = weights.of(c);
            if (!reported(c, weights, minRaters, ratings)) {
                parts.add(new Score.Part(c, weight, BigDecimal.ZERO.setScale(2), false, null, null,
                        c == Component.OBJECTIVE ? objective : List.of()));
                continue;
            }
            BigDecimal value = c == Component.OBJECTIVE ? mean(objective) : mean(ratings.get(c));
            weighted = weighted.add(value.multiply(BigDecimal.valueOf(weight)));
            parts.add(new Score.Part(c, weight, round(BigDecimal.valueOf(weight).multiply(HUNDRED)
                    .divide(BigDecimal.valueOf(reportedWeight), WORKING_SCALE, RoundingMode.HALF_UP)), true, value,
                    c == Component.OBJECTIVE ? null : ratings.get(c).count(),
                    c == Component.OBJECTIVE ? objective : List.of()));
        }
        BigDecimal score = reportedWeight == 0 ? null
                : round(weighted.divide(BigDecimal.valueOf(reportedWeight), WORKING_SCALE, RoundingMode.HALF_UP));
        return new Score(organisation, score, null, parts);
    }

    private static boolean reported(Component c, Round.Weights weights, int minRaters, Map<Component, Tally> ratings) {
        if (weights.of(c) == 0) {
            return false;
        }
        if (c == Component.OBJECTIVE) {
            return true;
        }
        Tally tally = ratings.get(c);
        return tally != null && tally.count() >= (c.anonymous ? minRaters : 1);
    }

    private static Map<OutcomeKind, BigDecimal> best(List<UUID> organisations, Map<UUID, Indicators> indicators) {
        Map<OutcomeKind, BigDecimal> best = new java.util.EnumMap<>(OutcomeKind.class);
        for (OutcomeKind kind : OutcomeKind.values()) {
            best.put(kind, organisations.stream().map(o -> indicators.get(o).value(kind))
                    .max(BigDecimal::compareTo).orElse(BigDecimal.ZERO));
        }
        return best;
    }

    private static List<Score.IndicatorPart> objective(Indicators indicators, Map<OutcomeKind, BigDecimal> best) {
        return indicators.indicators().stream().map(i -> {
            BigDecimal top = best.get(i.kind());
            BigDecimal score = top.signum() == 0 ? BigDecimal.ZERO.setScale(2)
                    : round(i.value().multiply(HUNDRED).divide(top, WORKING_SCALE, RoundingMode.HALF_UP));
            return new Score.IndicatorPart(i.kind(), i.value(), top, score, i.events(), i.sourceType(), i.sources());
        }).toList();
    }

    private static BigDecimal mean(List<Score.IndicatorPart> objective) {
        BigDecimal sum = objective.stream().map(Score.IndicatorPart::score).reduce(BigDecimal.ZERO, BigDecimal::add);
        return round(sum.divide(BigDecimal.valueOf(objective.size()), WORKING_SCALE, RoundingMode.HALF_UP));
    }

    private static BigDecimal mean(Tally tally) {
        return round(BigDecimal.valueOf(tally.sum()).divide(BigDecimal.valueOf(tally.count()), WORKING_SCALE,
                RoundingMode.HALF_UP));
    }

    private static BigDecimal round(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}
