package cn.zhangzhou.partybuilding.local;

import java.nio.file.Path;

import cn.zhangzhou.partybuilding.platform.RepositoryRoot;

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
                case "token" -> System.out.println(token(options, RepositoryRoot.find(cwd).orElse(cwd),
                        Platform.IDENTITY_URL));
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

    /**
     * {@code token <username>}: the demo user's access token by the real login flow (the demo password, or the
     * bootstrap admin's for {@code admin}); {@code token --client <district>}: the district system's token by client
     * credentials. Both from the running identity service; nothing is signed here.
     */
    static String token(Options options, Path root, String identityUrl) {
        DemoSecrets secrets = new DemoSecrets(root.resolve(options.dataDir()).normalize());
        IdentityClient identity = new IdentityClient(identityUrl);
        if (options.client() != null) {
            IdentityClient.RegisteredClient client = secrets.client(options.client()).orElseThrow(() ->
                    new IllegalStateException("no client of " + options.client() + " in "
                            + secrets.dataDir().resolve(DemoSecrets.CLIENTS_DIR)
                            + "; the platform registers one per started district"));
            return identity.clientCredentials(client.clientId(), client.clientSecret()).value();
        }
        String username = options.arguments().get(0);
        String password = DemoSecrets.ADMIN_USERNAME.equals(username)
                ? secrets.require(DemoSecrets.ADMIN_PASSWORD_FILE) : secrets.require(DemoSecrets.DEMO_PASSWORD_FILE);
        return identity.signIn(username, password).value();
    }
}
