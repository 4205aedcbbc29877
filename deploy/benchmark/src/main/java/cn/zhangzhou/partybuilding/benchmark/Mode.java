package cn.zhangzhou.partybuilding.benchmark;

import java.util.Arrays;
import java.util.List;

/** What the benchmark measures, chosen by its first argument (none: the membership write path). */
enum Mode {

    /** POST /members against its bare-transaction ceiling (no command). */
    MEMBERSHIP(null, List.of(1, 2, 4, 8, 16)),
    /** The wishes claim path: spread and contended claims. */
    CLAIMS("claims", List.of(4, 8, 16)),
    /** The same GETs direct to membership, through a bare Spring Cloud Gateway and through the real gateway. */
    GATEWAY("gateway", List.of(1, 4, 8, 16, 32));

    private final String command;
    private final List<Integer> defaultLevels;

    Mode(String command, List<Integer> defaultLevels) {
        this.command = command;
        this.defaultLevels = defaultLevels;
    }

    List<Integer> defaultLevels() {
        return defaultLevels;
    }

    /** The mode named by the first argument; options (starting with {@code -}) or nothing mean the write path. */
    static Mode of(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            return MEMBERSHIP;
        }
        for (Mode m : values()) {
            if (args[0].equals(m.command)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown command " + args[0]);
    }

    /** The options after the command. */
    String[] options(String[] args) {
        return command == null ? args : Arrays.copyOfRange(args, 1, args.length);
    }
}
