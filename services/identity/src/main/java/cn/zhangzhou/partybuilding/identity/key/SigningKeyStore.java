package cn.zhangzhou.partybuilding.identity.key;

import cn.zhangzhou.partybuilding.identity.IdentityProperties;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The signing_key table, shared by every identity instance. The private halves are stored encrypted
 * ({@link KeyEncryption}): nothing outside this store sees them in any other form than a key.
 */
@Repository
class SigningKeyStore {

    /** Serialises rotations across instances (pg_advisory_xact_lock). */
    private static final long ROTATION_LOCK = 0x7a7a_6b65_7973L;

    private final JdbcClient jdbc;
    private final KeyEncryption encryption;

    SigningKeyStore(JdbcClient jdbc, IdentityProperties properties) {
        this.jdbc = jdbc;
        this.encryption = new KeyEncryption(properties.keys().encryptionSecret());
    }

    /** Holds the rotation lock until the transaction ends. */
    void lockRotation() {
        jdbc.sql("SELECT pg_advisory_xact_lock(:lock)").param("lock", ROTATION_LOCK).query().singleRow();
    }

    /** The key that signs, both halves. */
    Optional<SigningKey> active() {
        return jdbc.sql("SELECT kid, public_key, private_key, created_at, retired_at, publish_until FROM signing_key "
                + "WHERE retired_at IS NULL").query(this::withPrivateKey).list().stream().findFirst();
    }

    /** The active key first, then the retired ones still published at {@code now}; public halves only. */
    List<SigningKey> published(Instant now) {
        return jdbc.sql("SELECT kid, public_key, created_at, retired_at, publish_until FROM signing_key "
                        + "WHERE retired_at IS NULL OR publish_until > :now ORDER BY retired_at DESC NULLS FIRST")
                .param("now", Timestamp.from(now))
                .query((rs, row) -> new SigningKey(rs.getString("kid"), publicKey(rs), null, instant(rs, "created_at"),
                        instant(rs, "retired_at"), instant(rs, "publish_until")))
                .list();
    }

    void retireActive(Instant at, Instant publishUntil) {
        jdbc.sql("UPDATE signing_key SET retired_at = :now, publish_until = :until WHERE retired_at IS NULL")
                .param("now", Timestamp.from(at)).param("until", Timestamp.from(publishUntil)).update();
    }

    void insert(SigningKey key) {
        jdbc.sql("INSERT INTO signing_key (kid, public_key, private_key, created_at) VALUES (:kid, :pub, :priv, :now)")
                .param("kid", key.kid())
                .param("pub", key.publicKey().getEncoded())
                .param("priv", encryption.encrypt(key.privateKey().getEncoded(), key.kid()))
                .param("now", Timestamp.from(key.createdAt()))
                .update();
    }

    /** Deletes the keys whose publication ended before {@code now}. */
    void deleteUnpublished(Instant now) {
        jdbc.sql("DELETE FROM signing_key WHERE publish_until < :now").param("now", Timestamp.from(now)).update();
    }

    private SigningKey withPrivateKey(ResultSet rs, int row) throws SQLException {
        String kid = rs.getString("kid");
        try {
            RSAPrivateKey privateKey = (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(
                    new PKCS8EncodedKeySpec(encryption.decrypt(rs.getBytes("private_key"), kid)));
            return new SigningKey(kid, publicKey(rs), privateKey, instant(rs, "created_at"), instant(rs, "retired_at"),
                    instant(rs, "publish_until"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + kid + " is not an RSA key pair", e);
        }
    }

    private static RSAPublicKey publicKey(ResultSet rs) throws SQLException {
        String kid = rs.getString("kid");
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(rs.getBytes("public_key")));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + kid + " has no RSA public key", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
