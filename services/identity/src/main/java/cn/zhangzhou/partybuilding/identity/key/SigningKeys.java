package cn.zhangzhou.partybuilding.identity.key;

import cn.zhangzhou.partybuilding.identity.IdentityProperties;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signing keys in PostgreSQL, shared by every identity instance. Exactly one key is active and signs; a rotation
 * creates a new active key and retires the old one, which stays in the JWKS until every token it signed has expired
 * ({@code publish_until} = retirement + the longest token lifetime + clock skew), so services verifying by {@code kid}
 * never see a valid token they cannot check: rotation without downtime.
 */
@Service
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    /** Serialises rotations across instances (pg_advisory_xact_lock). */
    private static final long ROTATION_LOCK = 0x7a7a_6b65_7973L;

    private final JdbcClient jdbc;
    private final KeyEncryption encryption;
    private final IdentityProperties properties;
    private final Clock clock;

    public SigningKeys(JdbcClient jdbc, IdentityProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.encryption = new KeyEncryption(properties.keys().encryptionSecret());
        this.properties = properties;
        this.clock = clock;
    }

    /** The key that signs now; the first one is created on first use. */
    @Transactional
    public SigningKey active() {
        Optional<SigningKey> current = current();
        if (current.isPresent()) {
            return current.get();
        }
        lock();
        // Another instance may have made the first key while this one waited for the lock.
        return current().orElseGet(() -> retireAndCreate("first key"));
    }

    /** The keys the JWKS publishes now: the active one first, then the retired ones still within their window. */
    public List<SigningKey> published() {
        // Public halves only: the JWKS and token verification never need a private key decrypted.
        return jdbc.sql("SELECT kid, public_key, created_at, retired_at, publish_until FROM signing_key "
                        + "WHERE retired_at IS NULL OR publish_until > :now ORDER BY retired_at DESC NULLS FIRST")
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, row) -> new SigningKey(rs.getString("kid"), publicKey(rs.getString("kid"),
                        rs.getBytes("public_key")), null, instant(rs, "created_at"), instant(rs, "retired_at"),
                        instant(rs, "publish_until")))
                .list();
    }

    /**
     * A new active key; the old one retires. Concurrent rotations (two instances' schedules, an admin's request)
     * run one after the other, and the later one sees the key the earlier made.
     */
    @Transactional
    public SigningKey rotate(String reason) {
        lock();
        return retireAndCreate(reason);
    }

    private void lock() {
        jdbc.sql("SELECT pg_advisory_xact_lock(:lock)").param("lock", ROTATION_LOCK).query().singleRow();
    }

    private Optional<SigningKey> current() {
        return find("WHERE retired_at IS NULL").stream().findFirst();
    }

    private SigningKey retireAndCreate(String reason) {
        Instant now = clock.instant();
        Instant publishUntil = now.plus(properties.longestTokenLifetime()).plus(properties.keys().clockSkew());
        jdbc.sql("UPDATE signing_key SET retired_at = :now, publish_until = :until WHERE retired_at IS NULL")
                .param("now", Timestamp.from(now)).param("until", Timestamp.from(publishUntil)).update();
        KeyPair pair = generate();
        String kid = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO signing_key (kid, public_key, private_key, created_at) VALUES (:kid, :pub, :priv, :now)")
                .param("kid", kid)
                .param("pub", pair.getPublic().getEncoded())
                .param("priv", encryption.encrypt(pair.getPrivate().getEncoded(), kid))
                .param("now", Timestamp.from(now))
                .update();
        // Keys past their window are of no use to anyone.
        jdbc.sql("DELETE FROM signing_key WHERE publish_until < :now").param("now", Timestamp.from(now)).update();
        log.info("Signing key {} is now active ({})", kid, reason);
        return new SigningKey(kid, (RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate(), now, null, null);
    }

    /** Rotates when the active key is older than the configured interval (or there is none). */
    @Transactional
    public Optional<SigningKey> rotateIfDue() {
        lock();
        // Checked under the lock, so two instances' schedules rotate once, not twice.
        Optional<SigningKey> current = current();
        if (current.isPresent()
                && current.get().createdAt().plus(properties.keys().rotationInterval()).isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(retireAndCreate(current.isEmpty() ? "first key" : "scheduled rotation"));
    }

    private List<SigningKey> find(String where) {
        return jdbc.sql("SELECT kid, public_key, private_key, created_at, retired_at, publish_until "
                + "FROM signing_key " + where).query(this::map).list();
    }

    private static RSAPublicKey publicKey(String kid, byte[] der) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + kid + " has no RSA public key", e);
        }
    }

    private SigningKey map(ResultSet rs, int row) throws SQLException {
        String kid = rs.getString("kid");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(rs.getBytes("public_key")));
            RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(encryption.decrypt(rs.getBytes("private_key"), kid)));
            return new SigningKey(kid, publicKey, privateKey, instant(rs, "created_at"), instant(rs, "retired_at"),
                    instant(rs, "publish_until"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + kid + " is not an RSA key pair", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }
}
