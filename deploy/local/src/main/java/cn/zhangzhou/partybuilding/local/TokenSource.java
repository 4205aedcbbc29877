package cn.zhangzhou.partybuilding.local;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import cn.zhangzhou.partybuilding.local.IdentityClient.AccessToken;
import cn.zhangzhou.partybuilding.local.IdentityClient.LoginRefusedException;
import cn.zhangzhou.partybuilding.local.IdentityClient.RegisteredClient;
import cn.zhangzhou.partybuilding.local.WishesLoader.Caller;
import cn.zhangzhou.partybuilding.support.security.Role;

/**
 * The demo callers' tokens, all from the identity service: users sign in through the login form (PKCE), district
 * systems use client credentials. A demo user is created through identity's admin API (as the bootstrap CITY_ADMIN)
 * the first time it is needed, with a deterministic username ({@link #username}) and the one demo password; a
 * district system is registered once and its secret kept in the data directory. Tokens are reused until shortly
 * before they expire.
 */
public final class TokenSource {

    /** A token is renewed when it has less than this left: a request must not reach a service with a dead token. */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(2);

    private final IdentityClient identity;
    private final DemoSecrets secrets;
    /** (district, organisation UUID) → its code in membership, for the staff usernames. */
    private final BiFunction<String, UUID, String> orgCodes;
    private final Clock clock;
    private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, String> usernames = new ConcurrentHashMap<>();

    public TokenSource(IdentityClient identity, DemoSecrets secrets, BiFunction<String, UUID, String> orgCodes) {
        this(identity, secrets, orgCodes, Clock.systemUTC());
    }

    TokenSource(IdentityClient identity, DemoSecrets secrets, BiFunction<String, UUID, String> orgCodes, Clock clock) {
        this.identity = identity;
        this.secrets = secrets;
        this.orgCodes = orgCodes;
        this.clock = clock;
    }

    /**
     * The demo username of a caller: {@code admin} (CITY_ADMIN, identity's bootstrap account),
     * {@code <district>-admin}, {@code <district>-staff-<organisation code>} (street or community staff),
     * {@code member-<first 8 characters of the member id>}; a district system has no user (see {@link #system}).
     */
    public static String username(String district, Role role, String orgCode, UUID member) {
        return switch (role) {
            case CITY_ADMIN -> DemoSecrets.ADMIN_USERNAME;
            case DISTRICT_ADMIN -> district + "-admin";
            case STREET_STAFF, COMMUNITY_STAFF -> district + "-staff-" + orgCode.toLowerCase(Locale.ROOT);
            case MEMBER -> "member-" + member.toString().substring(0, 8);
            case DISTRICT_SYSTEM -> throw new IllegalArgumentException("a district system is a client, not a user");
        };
    }

    /** The token of a demo caller acting in {@code district}; the user is created on first need. */
    public String token(String district, Caller caller) {
        if (caller.role() == Role.DISTRICT_SYSTEM) {
            return system(district);
        }
        if (caller.role() == Role.CITY_ADMIN) {
            return cityAdmin();
        }
        return user(ensureUser(district, caller));
    }

    /** The bootstrap CITY_ADMIN's token (it administers the demo users). */
    public String cityAdmin() {
        return cached(DemoSecrets.ADMIN_USERNAME,
                () -> identity.signIn(DemoSecrets.ADMIN_USERNAME, secrets.adminPassword()));
    }

    public String districtAdmin(String district) {
        return token(district, new Caller(Role.DISTRICT_ADMIN, null, null));
    }

    /**
     * Creates the caller's demo user if identity does not have it yet, and returns its username.
     */
    public String ensureUser(String district, Caller caller) {
        String key = district + "|" + caller;
        String known = usernames.get(key);
        if (known != null) {
            return known;
        }
        synchronized (lock(key)) {
            known = usernames.get(key);
            if (known != null) {
                return known;
            }
            String orgCode = caller.org() == null ? null : orgCodes.apply(district, caller.org());
            String username = username(district, caller.role(), orgCode, caller.member());
            // 409 when it exists (an earlier run): the same deterministic name means the same caller.
            identity.createUser(cityAdmin(), username, secrets.demoPassword(), caller.role(),
                    caller.role() == Role.CITY_ADMIN ? null : district, caller.org(), caller.member());
            usernames.put(key, username);
            return username;
        }
    }

    /** A demo user's token by the login flow with the demo password. */
    public String user(String username) {
        return cached(username, () -> {
            try {
                return identity.signIn(username, secrets.demoPassword());
            } catch (LoginRefusedException e) {
                // The user exists with another password (the demo password file was removed meanwhile) or is locked:
                // the CITY_ADMIN resets it, which also lifts a lock-out, and the user signs in again.
                var found = identity.findUser(cityAdmin(), username);
                if (found == null) {
                    throw e;
                }
                identity.resetPassword(cityAdmin(), found.path("id").asString(), secrets.demoPassword());
                return identity.signIn(username, secrets.demoPassword());
            }
        });
    }

    /** The district system's token by client credentials; the client is registered once, its secret kept. */
    public String system(String district) {
        return cached("client:" + district, () -> {
            Optional<RegisteredClient> stored = secrets.client(district);
            if (stored.isPresent()) {
                try {
                    return identity.clientCredentials(stored.get().clientId(), stored.get().clientSecret());
                } catch (LoginRefusedException stale) {
                    // identity's database was reset while the data directory kept the old secret: register anew.
                }
            }
            RegisteredClient registered = registerSystem(district);
            return identity.clientCredentials(registered.clientId(), registered.clientSecret());
        });
    }

    /** Registers the district's system (区级系统) and keeps its secret in the data directory. */
    public RegisteredClient registerSystem(String district) {
        // Names are unique per district: one registered again (its secret lost) must not take the old one's name,
        // even within the same second (regression: two registrations in one second answered 409).
        RegisteredClient registered = identity.registerClient(cityAdmin(), "demo system of " + district + ", registered "
                + clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " ("
                + java.util.UUID.randomUUID().toString().substring(0, 8) + ")", district);
        secrets.storeClient(registered);
        return registered;
    }

    private String cached(String key, java.util.function.Supplier<AccessToken> obtain) {
        AccessToken token = tokens.get(key);
        if (token != null && token.validFor(RENEW_BEFORE_EXPIRY, clock.instant())) {
            return token.value();
        }
        synchronized (lock(key)) {
            token = tokens.get(key);
            if (token == null || !token.validFor(RENEW_BEFORE_EXPIRY, clock.instant())) {
                token = obtain.get();
                tokens.put(key, token);
            }
            return token.value();
        }
    }

    private Object lock(String key) {
        return locks.computeIfAbsent(key, k -> new Object());
    }
}
