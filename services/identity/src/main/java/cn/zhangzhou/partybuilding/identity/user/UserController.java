package cn.zhangzhou.partybuilding.identity.user;

import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.web.Page;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** User administration: {@code /api/v1/users}. */
@RestController
@Validated
@RequestMapping("/api/v1/users")
class UserController {

    record CreateUser(String username, String password, Set<Role> roles, String district, UUID org, UUID member) {
    }

    /** New roles and scope; {@code version} as last read (409 when someone changed the user since). */
    record UpdateAccess(Set<Role> roles, String district, UUID org, UUID member, long version) {
    }

    record ResetPassword(String password) {
    }

    /** A user as an administrator sees it: never the password hash. */
    record UserView(UUID id, String username, List<Role> roles, String district, UUID org, UUID member,
                    boolean enabled, boolean locked, Instant lockedUntil, int failedLogins, long version,
                    Instant createdAt, Instant updatedAt) {
    }

    private final UserService service;
    private final Clock clock;

    UserController(UserService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<UserView> create(Caller caller, @RequestBody CreateUser request) {
        UserAccount user = service.create(caller, request.username(), request.password(),
                new UserService.Access(request.roles(), request.district(), request.org(), request.member()));
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(view(user));
    }

    @GetMapping("/{id}")
    UserView get(Caller caller, @PathVariable UUID id) {
        return view(service.get(caller, id));
    }

    @GetMapping
    Page<UserView> list(Caller caller, @RequestParam(required = false) String district,
                        @RequestParam(required = false) Role role,
                        @RequestParam(required = false) String username,
                        @RequestParam(required = false) Boolean enabled,
                        @RequestParam(defaultValue = "0") @Min(0) int page,
                        @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.list(caller, district, role, username, enabled, page, size).map(this::view);
    }

    @PutMapping("/{id}/access")
    UserView updateAccess(Caller caller, @PathVariable UUID id, @RequestBody UpdateAccess request) {
        return view(service.updateAccess(caller, id, request.version(),
                new UserService.Access(request.roles(), request.district(), request.org(), request.member())));
    }

    @PostMapping("/{id}/disable")
    UserView disable(Caller caller, @PathVariable UUID id) {
        return view(service.setEnabled(caller, id, false));
    }

    @PostMapping("/{id}/enable")
    UserView enable(Caller caller, @PathVariable UUID id) {
        return view(service.setEnabled(caller, id, true));
    }

    @PostMapping("/{id}/unlock")
    UserView unlock(Caller caller, @PathVariable UUID id) {
        return view(service.unlock(caller, id));
    }

    @PostMapping("/{id}/password")
    UserView resetPassword(Caller caller, @PathVariable UUID id, @RequestBody ResetPassword request) {
        return view(service.resetPassword(caller, id, request.password()));
    }

    private UserView view(UserAccount user) {
        Instant now = clock.instant();
        return new UserView(user.id(), user.username(), user.roles().stream().sorted().toList(), user.district(),
                user.org(), user.member(), user.enabled(), user.lockedAt(now),
                user.lockedAt(now) ? user.lockedUntil() : null, user.failedLogins(), user.version(), user.createdAt(),
                user.updatedAt());
    }
}
