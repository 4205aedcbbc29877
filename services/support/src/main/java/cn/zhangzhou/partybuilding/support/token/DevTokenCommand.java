package cn.zhangzhou.partybuilding.support.token;

import cn.zhangzhou.partybuilding.support.security.Role;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Prints a signed token for the local platform (until an identity service exists):
 * {@code <keyDir> <ROLE> [district] [org] [member] [ttlMinutes]}; "-" leaves an optional claim out.
 * Example: {@code java -cp service-support.jar:... cn.zhangzhou.partybuilding.support.token.DevTokenCommand
 * /tmp/zz-keys COMMUNITY_STAFF xiangcheng 5f0c…-uuid - 120}
 */
public final class DevTokenCommand {

    static final String USAGE = "usage: DevTokenCommand <keyDir> <ROLE> [district] [org] [member] [ttlMinutes]"
            + "   (ROLE one of " + List.of(Role.values()) + "; '-' leaves an optional value out)";

    private DevTokenCommand() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Testable body of {@link #main}: returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || args.length > 6) {
            err.println(USAGE);
            return 2;
        }
        try {
            Path keyDir = Path.of(args[0]);
            Role role = Role.valueOf(args[1].toUpperCase(Locale.ROOT));
            String district = optional(args, 2);
            String org = optional(args, 3);
            String member = optional(args, 4);
            String ttl = optional(args, 5);
            Duration lifetime = Duration.ofMinutes(ttl == null ? 60 : Long.parseLong(ttl));
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("ttlMinutes must be positive");
            }
            String subject = "dev-" + role.name().toLowerCase(Locale.ROOT) + (district == null ? "" : "@" + district);
            String token = DevKeys.ensure(keyDir).signer().sign(subject, Set.of(role), district,
                    org == null ? null : UUID.fromString(org), member == null ? null : UUID.fromString(member), lifetime);
            out.println(token);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("invalid argument: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
    }

    private static String optional(String[] args, int index) {
        return args.length > index && !args[index].isBlank() && !"-".equals(args[index]) ? args[index] : null;
    }
}
