package cn.zhangzhou.partybuilding.support.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

/**
 * The local platform's token key pair as PEM files in one directory ({@code jwt-private.pem},
 * {@code jwt-public.pem}): created on first use, loaded afterwards. Services verify with the public file
 * ({@code zz.security.jwt.public-key-location=file:<dir>/jwt-public.pem}).
 */
public final class DevKeys {

    public static final String PRIVATE_FILE = "jwt-private.pem";
    public static final String PUBLIC_FILE = "jwt-public.pem";

    private final RSAPrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final Path publicKeyFile;

    private DevKeys(RSAPrivateKey privateKey, RSAPublicKey publicKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** Loads the pair from {@code dir}, creating the directory and a new pair if there is none yet. */
    public static synchronized DevKeys ensure(Path dir) {
        if (!present(dir)) {
            write(dir);
        }
        return load(dir);
    }

    /**
     * Writes a new pair into {@code dir} even if one is there (the launcher's {@code keys --force}): tokens
     * signed with the old key stop verifying once the services read the new public file.
     */
    public static synchronized DevKeys replace(Path dir) {
        write(dir);
        return load(dir);
    }

    /** Whether {@code dir} holds both files, i.e. whether {@link #ensure} would keep them. */
    public static boolean present(Path dir) {
        return Files.exists(dir.resolve(PRIVATE_FILE)) && Files.exists(dir.resolve(PUBLIC_FILE));
    }

    private static void write(Path dir) {
        try {
            Files.createDirectories(dir);
            KeyPair pair = PemKeys.generate();
            // Write to temporary names first, so a crash never leaves half a pair behind.
            Path tmpPrivate = Files.createTempFile(dir, "jwt-private", ".tmp");
            restrict(tmpPrivate);
            Files.writeString(tmpPrivate, PemKeys.privatePem((RSAPrivateKey) pair.getPrivate()), StandardCharsets.US_ASCII);
            Path tmpPublic = Files.createTempFile(dir, "jwt-public", ".tmp");
            Files.writeString(tmpPublic, PemKeys.publicPem((RSAPublicKey) pair.getPublic()), StandardCharsets.US_ASCII);
            Files.move(tmpPrivate, dir.resolve(PRIVATE_FILE), StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmpPublic, dir.resolve(PUBLIC_FILE), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the token keys in " + dir, e);
        }
    }

    private static DevKeys load(Path dir) {
        Path publicFile = dir.resolve(PUBLIC_FILE);
        try {
            return new DevKeys(PemKeys.privateKey(Files.readString(dir.resolve(PRIVATE_FILE), StandardCharsets.US_ASCII)),
                    PemKeys.publicKey(Files.readString(publicFile, StandardCharsets.US_ASCII)), publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token keys in " + dir, e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the directory's ACL applies.
        }
    }

    public RSAPrivateKey privateKey() {
        return privateKey;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    public JwtSigner signer() {
        return new JwtSigner(privateKey);
    }
}
