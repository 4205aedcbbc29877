package cn.zhangzhou.partybuilding.volunteering;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import cn.zhangzhou.partybuilding.events.Districts;

/**
 * @param district     the district this deployment serves (configuration, never a request parameter)
 * @param volunteering the lists and rules of this district's volunteering
 */
@ConfigurationProperties("zz")
public record VolunteeringProperties(String district, Volunteering volunteering) {

    /** Days, months and periods are China's (a shift on 1 December 00:30 Beijing time is served in December). */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** The day (China time) of an instant. */
    public static LocalDate dayOf(Instant at) {
        return LocalDate.ofInstant(at, CHINA);
    }

    /** The codes of the configured lists: what the events' schemas allow. */
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");

    public VolunteeringProperties {
        Districts.require(district);
        if (volunteering == null) {
            throw new IllegalArgumentException("zz.volunteering is required (specialties, outcome-types, check-in)");
        }
    }

    /**
     * @param specialties  分类登记: specialty code → label, in display order
     * @param outcomeTypes what brand projects record: type code → label
     * @param checkIn      the rotating check-in codes
     */
    public record Volunteering(Map<String, String> specialties, Map<String, String> outcomeTypes,
                               @DefaultValue CheckIn checkIn) {

        public Volunteering {
            requireCodes("specialties", specialties);
            requireCodes("outcome-types", outcomeTypes);
        }

        private static void requireCodes(String name, Map<String, String> codes) {
            if (codes == null || codes.isEmpty()
                    || !codes.keySet().stream().allMatch(code -> CODE.matcher(code).matches())) {
                throw new IllegalArgumentException("zz.volunteering." + name + " must list codes (" + CODE.pattern()
                        + ") with their labels; was " + codes);
            }
        }
    }

    /**
     * @param secret     HMAC key of the codes, the same on every instance of the district (at least 32 characters)
     * @param codeWindow how long one code is valid
     * @param early      how long before a shift starts volunteers may check in
     */
    public record CheckIn(String secret, @DefaultValue("PT1M") Duration codeWindow,
                          @DefaultValue("PT30M") Duration early) {

        public CheckIn {
            if (secret == null || secret.length() < 32) {
                throw new IllegalArgumentException("zz.volunteering.check-in.secret must have at least 32 characters");
            }
            if (codeWindow.toSeconds() < 10 || early.isNegative()) {
                throw new IllegalArgumentException("zz.volunteering.check-in: code-window at least 10 s, early >= 0");
            }
        }
    }
}
