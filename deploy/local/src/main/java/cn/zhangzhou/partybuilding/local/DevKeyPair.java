package cn.zhangzhou.partybuilding.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The development RSA key pair that signs and verifies dev JWTs: {@code jwt-private.pem} (PKCS#8) and
 * {@code jwt-public.pem} (X.509 SubjectPublicKeyInfo, what Spring's {@code public-key-location} reads).
 * Kept in this one class on purpose: the shared {@code DevKeys} of the support module will replace it.
 */
public final class DevKeyPair {

    public static final String PRIVATE_FILE = "jwt-private.pem";
    public static final String PUBLIC_FILE = "jwt-public.pem";

    private DevKeyPair() {
    }

    /** Writes a new pair into {@code dir} unless both files are already there; returns true if it wrote one. */
    public static boolean ensure(Path dir) {
        if (Files.isRegularFile(dir.resolve(PRIVATE_FILE)) && Files.isRegularFile(dir.resolve(PUBLIC_FILE))) {
            return false;
        }
        write(dir);
        return true;
    }

    /** Writes a new 2048-bit pair into {@code dir}, replacing any existing one. */
    public static void write(Path dir) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(PRIVATE_FILE), pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                    StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve(PUBLIC_FILE), pem("PUBLIC KEY", pair.getPublic().getEncoded()),
                    StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key pair to " + dir, e);
        }
    }

    public static RSAPrivateKey readPrivate(Path file) {
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(der(file, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + " is not a PKCS#8 RSA private key", e);
        }
    }

    public static RSAPublicKey readPublic(Path file) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(der(file, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + " is not an X.509 RSA public key", e);
        }
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static byte[] der(Path file, String label) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file
                    + " (create it with `java -jar deploy/local/target/local-platform.jar keys <dir>`)", e);
        }
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException(file + " has no " + begin + " block");
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }
}
