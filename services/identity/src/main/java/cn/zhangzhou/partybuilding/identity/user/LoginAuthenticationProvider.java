package cn.zhangzhou.partybuilding.identity.user;

import cn.zhangzhou.partybuilding.identity.IdentityProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The login form's check, with lock-out: after {@code max-failures} consecutive failures the account is locked for
 * {@code duration}, and while locked even the right password fails. Every refusal is the same "Bad credentials"
 * (unknown user, wrong password, locked, disabled), and an unknown user costs a hash like a known one, so the
 * form tells an attacker nothing about which accounts exist or are locked.
 */
@Component
class LoginAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(LoginAuthenticationProvider.class);
    private static final String REFUSED = "Bad credentials";

    private final UserStore users;
    private final PasswordEncoder passwordEncoder;
    private final IdentityProperties properties;
    private final Clock clock;
    /** Hashed once: what an unknown username is checked against, so it takes as long as a known one. */
    private final String decoyHash;

    LoginAuthenticationProvider(UserStore users, PasswordEncoder passwordEncoder, IdentityProperties properties,
                                       Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
        this.clock = clock;
        this.decoyHash = passwordEncoder.encode("decoy-password-never-valid");
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        Optional<UserAccount> found = username == null ? Optional.empty() : users.findByUsername(username.trim());
        if (found.isEmpty()) {
            passwordEncoder.matches(password, decoyHash);
            throw new BadCredentialsException(REFUSED);
        }
        UserAccount user = found.get();
        Instant now = clock.instant();
        boolean matches = passwordEncoder.matches(password, user.passwordHash());
        if (user.lockedAt(now)) {
            log.info("Login refused for locked account {} until {}", user.id(), user.lockedUntil());
            throw new BadCredentialsException(REFUSED);
        }
        if (user.lockedUntil() != null) {
            users.clearExpiredLock(user.id());
        }
        if (!matches) {
            users.recordFailure(user.id(), properties.lockout().maxFailures(), now.plus(properties.lockout().duration()));
            throw new BadCredentialsException(REFUSED);
        }
        if (!user.enabled()) {
            throw new BadCredentialsException(REFUSED);
        }
        users.recordSuccess(user.id());
        if (passwordEncoder.upgradeEncoding(user.passwordHash())) {
            users.updatePasswordHash(user.id(), passwordEncoder.encode(password));
        }
        // The principal's name is the username: the token customizer reads the account again by it. The password
        // factor's time is the ID token's auth_time (Spring Security 7 reads it from this authority).
        List<GrantedAuthority> authorities = new ArrayList<>();
        user.roles().forEach(r -> authorities.add(new SimpleGrantedAuthority(r.authority())));
        authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY));
        return UsernamePasswordAuthenticationToken.authenticated(user.username(), null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
