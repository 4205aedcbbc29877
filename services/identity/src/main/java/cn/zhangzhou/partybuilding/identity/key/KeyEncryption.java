package cn.zhangzhou.partybuilding.identity.key;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the signing keys' private halves at rest: AES-256-GCM with a random 96-bit nonce per key, the key id as
 * associated data (a ciphertext moved to another row does not decrypt). The AES key is derived once from the
 * configured secret with PBKDF2-HMAC-SHA256, so a database dump alone gives no signing key.
 */
public final class KeyEncryption {

    static final int MIN_SECRET_LENGTH = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    // A fixed salt is enough here: the secret is a random deployment secret, not a user password.
    private static final byte[] SALT = "zz-identity/signing-keys/v1".getBytes(StandardCharsets.US_ASCII);
    private static final int ITERATIONS = 210_000;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public KeyEncryption(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("zz.identity.keys.encryption-secret must be set to at least "
                    + MIN_SECRET_LENGTH + " characters (ZZ_IDENTITY_KEYS_ENCRYPTION_SECRET)");
        }
        try {
            byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(secret.toCharArray(), SALT, ITERATIONS, 256)).getEncoded();
            this.key = new SecretKeySpec(derived, "AES");
            Arrays.fill(derived, (byte) 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }

    public byte[] encrypt(byte[] plain, String kid) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt signing key " + kid, e);
        }
    }

    /** @throws IllegalStateException when the secret is not the one the key was encrypted with, or the row was altered */
    public byte[] decrypt(byte[] stored, String kid) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt signing key " + kid
                    + ": wrong zz.identity.keys.encryption-secret or a tampered row", e);
        }
    }
}
