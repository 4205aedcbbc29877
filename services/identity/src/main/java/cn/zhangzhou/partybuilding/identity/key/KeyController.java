package cn.zhangzhou.partybuilding.identity.key;

import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.security.Role;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Signing keys for the CITY_ADMIN: which are published, and a rotation on demand (e.g. after a suspected leak). */
@RestController
@RequestMapping("/api/v1/keys")
class KeyController {

    /** A key as shown to an administrator: never the private half. */
    record KeyView(String kid, boolean active, Instant createdAt, Instant retiredAt, Instant publishedUntil) {
        static KeyView of(SigningKey key) {
            return new KeyView(key.kid(), key.active(), key.createdAt(), key.retiredAt(), key.publishUntil());
        }
    }

    private final SigningKeyService keys;

    KeyController(SigningKeyService keys) {
        this.keys = keys;
    }

    @GetMapping
    List<KeyView> published(Caller caller) {
        caller.requireAnyRole(Role.CITY_ADMIN);
        return keys.published().stream().map(KeyView::of).toList();
    }

    @PostMapping("/rotate")
    @ResponseStatus(HttpStatus.CREATED)
    KeyView rotate(Caller caller) {
        caller.requireAnyRole(Role.CITY_ADMIN);
        return KeyView.of(keys.rotate("requested by " + caller.subject()));
    }
}
