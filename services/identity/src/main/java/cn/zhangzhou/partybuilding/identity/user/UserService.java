package cn.zhangzhou.partybuilding.identity.user;

import cn.zhangzhou.partybuilding.identity.InvalidInputException;
import cn.zhangzhou.partybuilding.identity.member.MemberHomeStore;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.web.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * User administration within the caller's scope: the CITY_ADMIN manages everyone; a DISTRICT_ADMIN only the users
 * of their own district, and never makes a CITY_ADMIN. A request outside the scope is 403 and changes nothing.
 */
@Service
class UserService {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{2,99}");
    private static final Pattern DISTRICT = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    /** Roles and scope of a user, as requested. */
    record Access(Set<Role> roles, String district, UUID org, UUID member) {
    }

    private final UserStore users;
    private final MemberHomeStore memberHomes;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;

    UserService(UserStore users, MemberHomeStore memberHomes, PasswordEncoder passwordEncoder, Clock clock) {
        this.users = users;
        this.memberHomes = memberHomes;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    @Transactional
    UserAccount create(Caller caller, String username, String password, Access access) {
        requireMayGrant(caller, access);
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidInputException("username",
                    "must be 3 to 100 characters: letters, digits and . _ @ - (starting with a letter or digit)");
        }
        Access checked = check(access);
        requireMemberOfDistrict(caller, checked);
        try {
            return insert(username, password, checked);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("Username '" + username + "' is already taken");
        }
    }

    /** Creates the account unless one with the username exists (the bootstrap admin). */
    @Transactional
    boolean createIfAbsent(String username, String password, Access access) {
        if (users.findByUsername(username).isPresent()) {
            return false;
        }
        insert(username, password, access);
        return true;
    }

    private UserAccount insert(String username, String password, Access access) {
        PasswordPolicy.check(password, username);
        Instant now = clock.instant();
        UserAccount user = new UserAccount(UUID.randomUUID(), username, passwordEncoder.encode(password),
                access.roles(), access.district(), access.org(), access.member(), true, 0, null, 0, now, now);
        users.insert(user);
        return user;
    }

    UserAccount get(Caller caller, UUID id) {
        UserAccount user = users.find(id).orElseThrow(() -> NotFoundException.of("User", id));
        requireManages(caller, user);
        return user;
    }

    Page<UserAccount> list(Caller caller, String district, Role role, String usernamePrefix, Boolean enabled,
                                  int page, int size) {
        caller.requireAnyRole(Role.CITY_ADMIN, Role.DISTRICT_ADMIN);
        if (!caller.isCityWide()) {
            if (district != null && !district.equals(caller.district())) {
                throw new ForbiddenException("A DISTRICT_ADMIN of " + caller.district()
                        + " sees only its own district's users, not " + district);
            }
            district = caller.district();
        }
        UserStore.Filter filter = new UserStore.Filter(district, role, usernamePrefix, enabled);
        return Page.of(users.list(filter, page, size), page, size, users.count(filter));
    }

    @Transactional
    UserAccount updateAccess(Caller caller, UUID id, long version, Access access) {
        UserAccount user = get(caller, id);
        requireMayGrant(caller, access);
        Access checked = check(access);
        requireMemberOfDistrict(caller, checked);
        if (!users.updateAccess(id, version, checked.roles(), checked.district(), checked.org(), checked.member(),
                clock.instant())) {
            throw ConflictException.staleVersion("User", id, version);
        }
        return users.find(user.id()).orElseThrow();
    }

    @Transactional
    UserAccount setEnabled(Caller caller, UUID id, boolean enabled) {
        UserAccount user = get(caller, id);
        if (!enabled && user.username().equalsIgnoreCase(caller.subject())) {
            throw new DomainRuleException("An administrator cannot disable their own account");
        }
        users.setEnabled(id, enabled, clock.instant());
        return users.find(id).orElseThrow();
    }

    @Transactional
    UserAccount unlock(Caller caller, UUID id) {
        get(caller, id);
        users.unlock(id, clock.instant());
        return users.find(id).orElseThrow();
    }

    /** A new password set by an administrator; it also lifts a lock-out. */
    @Transactional
    UserAccount resetPassword(Caller caller, UUID id, String password) {
        UserAccount user = get(caller, id);
        PasswordPolicy.check(password, user.username());
        users.setPassword(id, passwordEncoder.encode(password), clock.instant());
        return users.find(id).orElseThrow();
    }

    /** 403 unless the caller may manage this existing user. */
    private static void requireManages(Caller caller, UserAccount user) {
        caller.requireAnyRole(Role.CITY_ADMIN, Role.DISTRICT_ADMIN);
        if (caller.isCityWide()) {
            return;
        }
        if (user.roles().contains(Role.CITY_ADMIN) || user.district() == null
                || !user.district().equals(caller.district())) {
            throw new ForbiddenException("A DISTRICT_ADMIN of " + caller.district()
                    + " manages only its own district's users");
        }
    }

    /** 403 unless the caller may give these roles in this district. */
    private static void requireMayGrant(Caller caller, Access access) {
        caller.requireAnyRole(Role.CITY_ADMIN, Role.DISTRICT_ADMIN);
        if (caller.isCityWide()) {
            return;
        }
        if (access.roles() != null && access.roles().contains(Role.CITY_ADMIN)) {
            throw new ForbiddenException("Only a CITY_ADMIN can make a CITY_ADMIN");
        }
        if (access.district() != null && !access.district().equals(caller.district())) {
            throw new ForbiddenException("A DISTRICT_ADMIN of " + caller.district()
                    + " cannot give access to district " + access.district());
        }
    }

    /**
     * A MEMBER account is bound only to a member its district holds (known from the districts' membership events):
     * a DISTRICT_ADMIN binds members of their own district (403 otherwise), the CITY_ADMIN any member with the
     * member's own district (422 otherwise). Services refuse a token that breaks this anyway (support's MemberBinding).
     */
    private void requireMemberOfDistrict(Caller caller, Access access) {
        if (access.member() == null) {
            return;
        }
        String home = memberHomes.districtOf(access.member()).orElseThrow(() -> new DomainRuleException("member",
                "no district has registered member " + access.member() + " (or its event has not reached identity yet)"));
        if (home.equals(access.district())) {
            return;
        }
        if (!caller.isCityWide()) {
            throw new ForbiddenException("Member " + access.member() + " belongs to district " + home
                    + ", not to district " + access.district() + " of the account");
        }
        throw new DomainRuleException("district", "member " + access.member() + " belongs to district " + home
                + ": a MEMBER account's district is the member's own");
    }

    /** Roles and scope that make a valid token (the same rules as support's CallerClaims), else 400. */
    static Access check(Access access) {
        if (access.roles() == null || access.roles().isEmpty()) {
            throw new InvalidInputException("roles", "must name at least one role");
        }
        Set<Role> roles = EnumSet.copyOf(access.roles());
        if (roles.contains(Role.DISTRICT_SYSTEM)) {
            throw new InvalidInputException("roles", "DISTRICT_SYSTEM is for registered clients (/api/v1/clients), not users");
        }
        if (roles.contains(Role.CITY_ADMIN)) {
            if (roles.size() > 1 || access.district() != null || access.org() != null || access.member() != null) {
                throw new InvalidInputException("roles", "a CITY_ADMIN spans all districts: no other role, no district, org or member");
            }
            return new Access(roles, null, null, null);
        }
        if (access.district() == null || !DISTRICT.matcher(access.district()).matches()) {
            throw new InvalidInputException("district", "is required for roles " + roles + ": a district id like 'xiangcheng'");
        }
        boolean staff = roles.contains(Role.STREET_STAFF) || roles.contains(Role.COMMUNITY_STAFF);
        if (staff && access.org() == null) {
            throw new InvalidInputException("org", "is required for STREET_STAFF and COMMUNITY_STAFF");
        }
        if (!staff && access.org() != null) {
            throw new InvalidInputException("org", "is only for STREET_STAFF and COMMUNITY_STAFF");
        }
        if (roles.contains(Role.MEMBER) != (access.member() != null)) {
            throw new InvalidInputException("member", "is required for MEMBER and only for MEMBER");
        }
        return new Access(roles, access.district(), access.org(), access.member());
    }
}
