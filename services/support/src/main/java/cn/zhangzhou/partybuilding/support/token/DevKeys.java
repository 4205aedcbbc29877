package cn.zhangzhou.partybuilding.support.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Path privateFile = dir.resolve(PRIVATE_FILE);
        Path publicFile = dir.resolve(PUBLIC_FILE);
        try {
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                Files.createDirectories(dir);
                KeyPair pair = PemKeys.generate();
                // Write to temporary names first, so a crash never leaves half a pair behind.
                Path tmpPrivate = Files.createTempFile(dir, "jwt-private", ".tmp");
                restrict(tmpPrivate);
                Files.writeString(tmpPrivate, PemKeys.privatePem((RSAPrivateKey) pair.getPrivate()), StandardCharsets.US_ASCII);
                Path tmpPublic = Files.createTempFile(dir, "jwt-public", ".tmp");
                Files.writeString(tmpPublic, PemKeys.publicPem((RSAPublicKey) pair.getPublic()), StandardCharsets.US_ASCII);
                Files.move(tmpPrivate, privateFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmpPublic, publicFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return new DevKeys(PemKeys.privateKey(Files.readString(privateFile, StandardCharsets.US_ASCII)),
                    PemKeys.publicKey(Files.readString(publicFile, StandardCharsets.US_ASCII)), publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or read the token keys in " + dir, e);
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
