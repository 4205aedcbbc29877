package cn.zhangzhou.partybuilding.events;

import java.util.regex.Pattern;

/**
 * Topic naming: one topic per producing service and district, {@code <district>.<service>.events};
 * dead letters in {@code <topic>-dlt}. A district writes only its own prefix; consumers of other
 * districts subscribe by pattern.
 */
public final class Topics {

    private Topics() {
    }

    public static String events(String district, String service) {
        Districts.require(district);
        return district + "." + service + ".events";
    }

    public static String deadLetter(String topic) {
        return topic + "-dlt";
    }

    /** Every district's events topic of one service (not its dead-letter topics). */
    public static Pattern allDistricts(String service) {
        return Pattern.compile("[a-z]+\\." + Pattern.quote(service) + "\\.events");
    }

    /** The district that owns a topic, from its prefix. */
    public static String districtOf(String topic) {
        int dot = topic.indexOf('.');
        if (dot <= 0) {
            throw new IllegalArgumentException("not an events topic: " + topic);
        }
        return topic.substring(0, dot);
    }
}
