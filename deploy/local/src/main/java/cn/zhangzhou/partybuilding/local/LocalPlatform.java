package cn.zhangzhou.partybuilding.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.Districts;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.token.DevKeys;
import cn.zhangzhou.partybuilding.support.token.JwtSigner;

/**
 * Entry point of {@code local-platform.jar}: the whole platform on one machine without Docker.
 * See {@link Options#usage()} for the commands.
 */
public final class LocalPlatform {

    /** How long a dev token is valid: a working day, so a demo session never needs a second one. */
    static final Duration TOKEN_LIFETIME = Duration.ofHours(8);

    private LocalPlatform() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(Options.usage());
            System.exit(2);
            return;
        }
        Path cwd = Path.of("").toAbsolutePath();
        try {
            switch (options.command()) {
                case "help" -> System.out.print(Options.usage());
                case "token" -> System.out.println(token(options, RepositoryRoot.find(cwd).orElse(cwd)));
                case "keys" -> keys(options, RepositoryRoot.find(cwd).orElse(cwd));
                default -> run(options, RepositoryRoot.require(cwd));
            }
        } catch (RuntimeException e) {
            System.err.println("local-platform: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(Options options, Path root) {
        Path dataDir = root.resolve(options.dataDir()).normalize();
        // Before any logger exists: the infrastructure logs go to <data-dir>/logs/infra.log (logback.xml).
        System.setProperty("zz.local.logs", dataDir.resolve("logs").toString());
        Platform platform = new Platform(root, dataDir, options, System.out);
        try {
            platform.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            System.err.println("local-platform: " + e.getMessage());
            platform.stopAll();
            System.exit(1);
        }
    }

    /** {@code token <ROLE> [district] [org-uuid] [member-uuid]} with the key of {@code <data-dir>/keys}. */
    static String token(Options options, Path root) {
        List<String> a = options.arguments();
        Path keys = options.keysDir() != null ? root.resolve(options.keysDir())
                : root.resolve(options.dataDir()).resolve("keys");
        // A key pair made up here would sign tokens no running service trusts: only an existing pair is used.
        if (!DevKeys.present(keys)) {
            throw new IllegalStateException("no key pair in " + keys
                    + " (create it with `java -jar deploy/local/target/local-platform.jar keys <dir>` or start the platform)");
        }
        Role role = role(a.get(0));
        String district = a.size() > 1 ? a.get(1) : null;
        UUID org = a.size() > 2 && !"-".equals(a.get(2)) ? uuid("org", a.get(2)) : null;
        UUID member = a.size() > 3 ? uuid("member", a.get(3)) : null;
        return token(DevKeys.ensure(keys).signer(), role, district, org, member);
    }

    /**
     * A dev token valid for {@link #TOKEN_LIFETIME}, refused here rather than by the service when the claims
     * would not make a caller.
     *
     * @param district required for every role but CITY_ADMIN
     * @param org the street (STREET_STAFF) or community (COMMUNITY_STAFF), else null
     * @param member the member (MEMBER), else null
     */
    static String token(JwtSigner signer, Role role, String district, UUID org, UUID member) {
        if (role != Role.CITY_ADMIN) {
            Districts.require(district);
        }
        if ((role == Role.STREET_STAFF || role == Role.COMMUNITY_STAFF) && org == null) {
            throw new IllegalArgumentException(role + " needs the organisation UUID it works for");
        }
        if (role == Role.MEMBER && member == null) {
            throw new IllegalArgumentException("MEMBER needs the member UUID");
        }
        String subject = member != null ? member.toString()
                : "dev-" + role.name().toLowerCase(Locale.ROOT) + (district == null ? "" : "-" + district);
        return signer.sign(subject, Set.of(role), role == Role.CITY_ADMIN ? null : district, org, member,
                TOKEN_LIFETIME);
    }

    static void keys(Options options, Path root) {
        Path dir = root.resolve(options.arguments().get(0)).normalize();
        if (options.force()) {
            DevKeys.replace(dir);
            System.out.println("wrote a new key pair to " + dir);
        } else if (!DevKeys.present(dir)) {
            DevKeys.ensure(dir);
            System.out.println("wrote a new key pair to " + dir);
        } else {
            System.out.println("kept the existing key pair in " + dir + " (--force replaces it)");
        }
    }

    private static Role role(String name) {
        try {
            return Role.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role " + name + " (one of " + List.of(Role.values()) + ")");
        }
    }

    private static UUID uuid(String what, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " must be a UUID, not '" + value + "'");
        }
    }
}
