package cn.zhangzhou.partybuilding.evaluation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import cn.zhangzhou.partybuilding.events.Districts;
import cn.zhangzhou.partybuilding.events.evaluation.Grade;

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
     */
    public record Evaluation(@DefaultValue("5") int minRaters, Map<Grade, BigDecimal> gradeQuotas) {

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
}
