package cn.zhangzhou.partybuilding.identity.key;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Rotates the signing key when it reaches {@code zz.identity.keys.rotation-interval}; looks every check-interval. */
@Component
class KeyRotationSchedule {

    private final SigningKeyService keys;

    KeyRotationSchedule(SigningKeyService keys) {
        this.keys = keys;
    }

    @Scheduled(initialDelayString = "PT5S", fixedDelayString = "${zz.identity.keys.check-interval:PT1H}")
    void rotateIfDue() {
        keys.rotateIfDue();
    }
}
