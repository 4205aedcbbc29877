package cn.zhangzhou.partybuilding.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhangzhou.partybuilding.identity.key.KeyEncryption;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The private keys' encryption at rest. */
class KeyEncryptionTest {

    private static final String SECRET = "a-random-deployment-secret-of-enough-length";
    private final KeyEncryption encryption = new KeyEncryption(SECRET);

    @Test
    void roundTripsAndNeverStoresTheClearBytes() {
        byte[] plain = "PKCS#8 private key bytes".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = encryption.encrypt(plain, "kid-1");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("private key");
        assertThat(encryption.decrypt(sealed, "kid-1")).isEqualTo(plain);
        // A fresh nonce each time: the same key encrypts differently.
        assertThat(encryption.encrypt(plain, "kid-1")).isNotEqualTo(sealed);
    }

    @Test
    void anotherSecretOrAnotherRowCannotDecrypt() {
        byte[] sealed = encryption.encrypt(new byte[] {1, 2, 3}, "kid-1");
        assertThatThrownBy(() -> new KeyEncryption(SECRET + "x").decrypt(sealed, "kid-1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("encryption-secret");
        assertThatThrownBy(() -> encryption.decrypt(sealed, "kid-2")).isInstanceOf(IllegalStateException.class);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> encryption.decrypt(sealed, "kid-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aShortOrMissingSecretStopsTheStart() {
        assertThatThrownBy(() -> new KeyEncryption("too-short")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32");
        assertThatThrownBy(() -> new KeyEncryption(null)).isInstanceOf(IllegalStateException.class);
    }
}
