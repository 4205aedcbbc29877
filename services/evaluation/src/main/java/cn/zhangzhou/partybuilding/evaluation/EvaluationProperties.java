package cn.zhangzhou.partybuilding.evaluation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import cn.zhangzhou.partybuilding.events.Districts;
import cn.zhangzhou.partybuilding.events.evaluation.Grade;
import cn.zhangzhou.partybuilding.events.membership.CadreRole;

/**
 * @param district   the district this deployment serves (configuration, never a request parameter)
 * @param evaluation the rules of this district's evaluation
 */
@ConfigurationProperties("zz")
public record EvaluationProperties(String district, @DefaultValue Evaluation evaluation) {

    /** Years are China's: an event of 31 December 23:30 Beijing time belongs to that year. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public static int yearOf(Instant at) {
        return at.atZone(CHINA).getYear();
    }

    public EvaluationProperties {
        Districts.require(district);
    }

    /**
     * @param minRaters   a mutual, members' or residents' component is reported only with at least this many raters
     * @param gradeQuotas the largest share of a round's organisations each grade may be given (e.g. EXCELLENT: 0.2,
     *                    at most a fifth 优秀); a grade not listed has no quota
     * @param cadreWeights how a cadre's year-end score weighs their organisation's score and their own assessment
     * @param guarantees  what the evaluation drives (保障): fund floors and cadres' pay
     */
    public record Evaluation(@DefaultValue("5") int minRaters, Map<Grade, BigDecimal> gradeQuotas,
                             @DefaultValue CadreWeights cadreWeights, @DefaultValue Guarantees guarantees) {

        public Evaluation {
            if (minRaters < 2) {
                throw new IllegalArgumentException("zz.evaluation.min-raters must be at least 2, was " + minRaters);
            }
            gradeQuotas = gradeQuotas == null ? Map.of(Grade.EXCELLENT, new BigDecimal("0.2")) : Map.copyOf(gradeQuotas);
            if (gradeQuotas.values().stream().anyMatch(q -> q.signum() < 0 || q.compareTo(BigDecimal.ONE) > 0)) {
                throw new IllegalArgumentException("zz.evaluation.grade-quotas are shares between 0 and 1: "
                        + gradeQuotas);
            }
        }
    }

    /**
     * A cadre's year-end score (decision 0027): the organisation's score in the round and the level above's
     * assessment of the cadre (考评), weighted; a part without a value is left out and the rest renormalised.
     *
     * @param organisation the weight of the score of the organisation the cadre serves
     * @param assessment   the weight of the level above's assessment of the cadre
     */
    public record CadreWeights(@DefaultValue("50") int organisation, @DefaultValue("50") int assessment) {

        public CadreWeights {
            if (organisation < 0 || assessment < 0 || organisation + assessment == 0) {
                throw new IllegalArgumentException("zz.evaluation.cadre-weights: organisation and assessment are "
                        + "weights of at least 0, not both 0; were " + organisation + " and " + assessment);
            }
        }
    }

    /**
     * @param fundFloorYuan             each community's work funds and mass-service funds per year are at least this
     * @param minimumWageYuan           the local monthly minimum wage, base of the cadres' pay (set per district)
     * @param basePayPercent            base pay as a percentage of the minimum wage, by cadre role (两委 head, deputy,
     *                                  member)
     * @param awardMinYuan              the monthly performance award's range ...
     * @param awardMaxYuan              ... (whole yuan)
     * @param awardFromScore            a year-end score at or below this gives the range's minimum ...
     * @param awardToScore              ... at or above this its maximum; linear in between
     * @param socialWorkerAllowanceYuan monthly allowance of a certified social worker (持证社工)
     */
    public record Guarantees(@DefaultValue("50000") int fundFloorYuan, @DefaultValue("1960") int minimumWageYuan,
                             Map<CadreRole, Integer> basePayPercent, @DefaultValue("300") int awardMinYuan,
                             @DefaultValue("500") int awardMaxYuan, @DefaultValue("60") int awardFromScore,
                             @DefaultValue("95") int awardToScore, @DefaultValue("200") int socialWorkerAllowanceYuan) {

        public Guarantees {
            basePayPercent = basePayPercent == null
                    ? Map.of(CadreRole.HEAD, 160, CadreRole.DEPUTY, 150, CadreRole.MEMBER, 140)
                    : Map.copyOf(basePayPercent);
            if (!basePayPercent.keySet().containsAll(List.of(CadreRole.values())) || awardMinYuan > awardMaxYuan
                    || awardFromScore >= awardToScore || fundFloorYuan < 0 || minimumWageYuan <= 0) {
                throw new IllegalArgumentException("zz.evaluation.guarantees: a base-pay-percent for every cadre role, "
                        + "award-min-yuan <= award-max-yuan, award-from-score < award-to-score, positive amounts");
            }
        }
    }
}
