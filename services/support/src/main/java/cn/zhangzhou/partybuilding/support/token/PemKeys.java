package cn.zhangzhou.partybuilding.support.token;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * An RSA public key from PEM ({@code PUBLIC KEY} = X.509 SubjectPublicKeyInfo), for
 * {@code zz.security.jwt.public-key-location} (tests, offline use). Nothing here signs: tokens come from the
 * identity service; tests sign theirs with service-testing's {@code JwtSigner}.
 */
public final class PemKeys {

    private PemKeys() {
    }

    public static RSAPublicKey publicKey(String pem) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(decode(pem, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA public key PEM", e);
        }
    }

    private static byte[] decode(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("expected a PEM block '" + begin + "'");
        }
        String base64 = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }
}
