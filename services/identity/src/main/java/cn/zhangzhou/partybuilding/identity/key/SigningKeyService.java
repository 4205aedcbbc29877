package cn.zhangzhou.partybuilding.identity.key;

import cn.zhangzhou.partybuilding.identity.IdentityProperties;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signing keys of every identity instance. Exactly one key is active and signs; a rotation creates a new active
 * key and retires the old one, which stays in the JWKS until every token it signed has expired ({@code publish_until}
 * = retirement + the longest token lifetime + clock skew), so services verifying by {@code kid} never see a valid
 * token they cannot check: rotation without downtime.
 */
@Service
public class SigningKeyService {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyService.class);

    private final SigningKeyStore keys;
    private final IdentityProperties properties;
    private final Clock clock;

    SigningKeyService(SigningKeyStore keys, IdentityProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    /** The key that signs now; the first one is created on first use. */
    @Transactional
    public SigningKey active() {
        Optional<SigningKey> current = keys.active();
        if (current.isPresent()) {
            return current.get();
        }
        keys.lockRotation();
        // Another instance may have made the first key while this one waited for the lock.
        return keys.active().orElseGet(() -> retireAndCreate("first key"));
    }

    /** The keys the JWKS publishes now: the active one first, then the retired ones still within their window. */
    public List<SigningKey> published() {
        // Public halves only: the JWKS and token verification never need a private key decrypted.
        return keys.published(clock.instant());
    }

    /**
     * A new active key; the old one retires. Concurrent rotations (two instances' schedules, an admin's request)
     * run one after the other, and the later one sees the key the earlier made.
     */
    @Transactional
    SigningKey rotate(String reason) {
        keys.lockRotation();
        return retireAndCreate(reason);
    }

    /** Rotates when the active key is older than the configured interval (or there is none). */
    @Transactional
    public Optional<SigningKey> rotateIfDue() {
        keys.lockRotation();
        // Checked under the lock, so two instances' schedules rotate once, not twice.
        Optional<SigningKey> current = keys.active();
        if (current.isPresent()
                && current.get().createdAt().plus(properties.keys().rotationInterval()).isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(retireAndCreate(current.isEmpty() ? "first key" : "scheduled rotation"));
    }

    private SigningKey retireAndCreate(String reason) {
        Instant now = clock.instant();
        keys.retireActive(now, now.plus(properties.longestTokenLifetime()).plus(properties.keys().clockSkew()));
        KeyPair pair = generate();
        SigningKey key = new SigningKey(UUID.randomUUID().toString(), (RSAPublicKey) pair.getPublic(),
                (RSAPrivateKey) pair.getPrivate(), now, null, null);
        keys.insert(key);
        // Keys past their window are of no use to anyone.
        keys.deleteUnpublished(now);
        log.info("Signing key {} is now active ({})", key.kid(), reason);
        return key;
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
