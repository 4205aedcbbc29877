package cn.zhangzhou.partybuilding.evaluation;

import java.time.Instant;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import cn.zhangzhou.partybuilding.events.Districts;

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

    /** @param minRaters a mutual, members' or residents' component is reported only with at least this many raters */
    public record Evaluation(@DefaultValue("5") int minRaters) {

        public Evaluation {
            if (minRaters < 2) {
                throw new IllegalArgumentException("zz.evaluation.min-raters must be at least 2, was " + minRaters);
            }
        }
    }
}
