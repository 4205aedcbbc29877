package cn.zhangzhou.partybuilding.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * The local platform's generated secrets, each in its own owner-only (0600) file in the data directory, made once
 * and kept, so a restart with the same data finds the same accounts: the bootstrap CITY_ADMIN's password, the key
 * that encrypts identity's signing keys at rest, the one password of every demo user, and each district system's
 * client secret (shown once by identity, so kept here). A local demo only: a real deployment keeps such secrets in
 * its secret store and gives every user their own password.
 */
public final class DemoSecrets {

    public static final String ADMIN_PASSWORD_FILE = "identity-admin-password";
    public static final String KEYS_SECRET_FILE = "identity-keys-secret";
    public static final String CHECK_IN_SECRET_FILE = "volunteering-check-in-secret";
    public static final String DEMO_PASSWORD_FILE = "demo-password";
    public static final String CLIENTS_DIR = "identity-clients";
    /** The bootstrap CITY_ADMIN's username (identity's zz.identity.bootstrap.admin-username default). */
    public static final String ADMIN_USERNAME = "admin";

    private final Path dataDir;

    public DemoSecrets(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The bootstrap CITY_ADMIN's password, generated on first use. */
    public String adminPassword() {
        return ensure(ADMIN_PASSWORD_FILE, 24);
    }

    /** identity's zz.identity.keys.encryption-secret (at least 32 characters), generated on first use. */
    public String keysEncryptionSecret() {
        return ensure(KEYS_SECRET_FILE, 32);
    }

    /** volunteering's zz.volunteering.check-in.secret (the codes' HMAC key, at least 32 characters), generated on first use. */
    public String checkInSecret() {
        return ensure(CHECK_IN_SECRET_FILE, 32);
    }

    /** The password of every demo user, generated on first use. */
    public String demoPassword() {
        return ensure(DEMO_PASSWORD_FILE, 18);
    }

    /** A secret that must exist already (the {@code token} command reads what {@code run} wrote). */
    public String require(String file) {
        return read(dataDir.resolve(file)).orElseThrow(() -> new IllegalStateException("no " + dataDir.resolve(file)
                + "; start the platform first (java -jar deploy/local/target/local-platform.jar)"));
    }

    /** The stored client id and secret of a district's system, if registered before. */
    public Optional<IdentityClient.RegisteredClient> client(String district) {
        return read(clientFile(district)).map(text -> {
            List<String> lines = text.lines().toList();
            if (lines.size() < 2) {
                throw new IllegalStateException(clientFile(district) + " should hold the client id and the secret");
            }
            return new IdentityClient.RegisteredClient(lines.get(0).trim(), lines.get(1).trim(), district);
        });
    }

    public void storeClient(IdentityClient.RegisteredClient client) {
        write(clientFile(client.district()), client.clientId() + "\n" + client.clientSecret() + "\n");
    }

    Path clientFile(String district) {
        return dataDir.resolve(CLIENTS_DIR).resolve(district);
    }

    private synchronized String ensure(String file, int randomBytes) {
        Path path = dataDir.resolve(file);
        return read(path).orElseGet(() -> {
            // URL-safe base64 of random bytes: 4/3 as many characters, well inside identity's 12–128 policy.
            String secret = IdentityClient.randomToken(randomBytes);
            write(path, secret + "\n");
            return secret;
        });
    }

    private static Optional<String> read(Path path) {
        try {
            return Files.exists(path) ? Optional.of(Files.readString(path, StandardCharsets.UTF_8).strip())
                    .filter(s -> !s.isEmpty()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Owner-only from the start (the temporary file is restricted before the secret is written), then moved. */
    private static void write(Path path, String content) {
        try {
            Files.createDirectories(path.getParent());
            Path tmp = Files.createTempFile(path.getParent(), path.getFileName().toString(), ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the directory's ACL applies.
            }
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }
}
