package cn.zhangzhou.partybuilding.support.security;

import java.util.Set;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/me}: the verified caller as the service sees it. Dashboards use it to learn who is signed in
 * and in which scope; the benchmark uses it as its trivial authenticated endpoint (no database). Registered by
 * {@link SupportSecurityAutoConfiguration}, so every service has it.
 */
@RestController
public class MeController {

    /** The caller's identity and scope (身份与范围), straight from the token's claims. */
    public record Me(String subject, Set<Role> roles, String district, UUID org, UUID member) {
    }

    @GetMapping("/api/v1/me")
    public Me me(Caller caller) {
        return new Me(caller.subject(), caller.roles(), caller.district(), caller.org(), caller.member());
    }
}
