package cn.zhangzhou.partybuilding.local;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Entry point of {@code local-platform.jar}: the whole platform on one machine without Docker.
 * See {@link Options#usage()} for the commands.
 */
public final class LocalPlatform {

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
        Path key = keys.resolve(DevKeyPair.PRIVATE_FILE);
        String role = a.get(0);
        String district = a.size() > 1 ? a.get(1) : null;
        String org = a.size() > 2 && !"-".equals(a.get(2)) ? a.get(2) : null;
        String member = a.size() > 3 ? a.get(3) : null;
        return new DevTokens(DevKeyPair.readPrivate(key)).issue(role, district, org, member, Instant.now());
    }

    static void keys(Options options, Path root) {
        Path dir = root.resolve(options.arguments().get(0)).normalize();
        if (options.force()) {
            DevKeyPair.write(dir);
            System.out.println("wrote a new key pair to " + dir);
        } else if (DevKeyPair.ensure(dir)) {
            System.out.println("wrote a new key pair to " + dir);
        } else {
            System.out.println("kept the existing key pair in " + dir + " (--force replaces it)");
        }
    }
}
