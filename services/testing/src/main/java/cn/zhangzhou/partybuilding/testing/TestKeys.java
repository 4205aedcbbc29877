package cn.zhangzhou.partybuilding.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

import org.springframework.security.converter.RsaKeyConverters;

/**
 * A token key pair as PEM files in one directory ({@code jwt-private.pem}, {@code jwt-public.pem}), created on first
 * use and loaded afterwards (read back with Spring Security's {@link RsaKeyConverters}): for tests and the
 * benchmark, which start a service with
 * {@code spring.security.oauth2.resourceserver.jwt.public-key-location=file:<dir>/jwt-public.pem} and sign their own
 * tokens with {@link #signer()}. The local platform takes every token from the identity service.
 */
public final class TestKeys {

    public static final String PRIVATE_FILE = "jwt-private.pem";
    public static final String PUBLIC_FILE = "jwt-public.pem";

    private final RSAPrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final Path publicKeyFile;

    private TestKeys(RSAPrivateKey privateKey, RSAPublicKey publicKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** Loads the pair from {@code dir}, creating the directory and a new pair if there is none yet. */
    public static synchronized TestKeys ensure(Path dir) {
        if (!present(dir)) {
            write(dir);
        }
        return load(dir);
    }

    /** Whether {@code dir} holds both files, i.e. whether {@link #ensure} would keep them. */
    public static boolean present(Path dir) {
        return Files.exists(dir.resolve(PRIVATE_FILE)) && Files.exists(dir.resolve(PUBLIC_FILE));
    }

    /** A fresh RSA 2048 pair that is written nowhere (e.g. a key no service trusts). */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    /** {@code PRIVATE KEY} PEM (PKCS#8), as the test key files hold it. */
    public static RSAPrivateKey privateKey(String pem) {
        return RsaKeyConverters.pkcs8().convert(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** {@code PUBLIC KEY} PEM (X.509 SubjectPublicKeyInfo). */
    public static RSAPublicKey publicKey(String pem) {
        return RsaKeyConverters.x509().convert(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static void write(Path dir) {
        try {
            Files.createDirectories(dir);
            KeyPair pair = generate();
            // Temporary names first, so a crash never leaves half a pair behind.
            Path tmpPrivate = Files.createTempFile(dir, "jwt-private", ".tmp");
            restrict(tmpPrivate);
            Files.writeString(tmpPrivate, encode(pair.getPrivate().getEncoded(), "PRIVATE KEY"), StandardCharsets.US_ASCII);
            Path tmpPublic = Files.createTempFile(dir, "jwt-public", ".tmp");
            Files.writeString(tmpPublic, encode(pair.getPublic().getEncoded(), "PUBLIC KEY"), StandardCharsets.US_ASCII);
            Files.move(tmpPrivate, dir.resolve(PRIVATE_FILE), StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmpPublic, dir.resolve(PUBLIC_FILE), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the token keys in " + dir, e);
        }
    }

    private static TestKeys load(Path dir) {
        Path publicFile = dir.resolve(PUBLIC_FILE);
        try {
            return new TestKeys(privateKey(Files.readString(dir.resolve(PRIVATE_FILE), StandardCharsets.US_ASCII)),
                    publicKey(Files.readString(publicFile, StandardCharsets.US_ASCII)), publicFile);
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

    private static String encode(byte[] der, String type) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
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
