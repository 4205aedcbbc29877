package cn.zhangzhou.partybuilding.support.security;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where in a token the platform's claims are ({@code zz.security.claims.*}), so that another OpenID Connect
 * provider (the city's Keycloak, say) can issue the tokens by configuration alone. Each value is a claim name or a
 * dotted path into nested JSON objects, e.g. {@code roles=realm_access.roles} for Keycloak's realm roles.
 * The defaults are the names our identity service issues.
 *
 * @param roles    the array of role names ({@link Role})
 * @param district the district id
 * @param org      the organisation (street or community) UUID
 * @param member   the member UUID
 * @param ignoreUnknownRoles whether role names that are not a {@link Role} are skipped rather than making the
 *                 token invalid: Keycloak puts {@code offline_access}, {@code uma_authorization} and
 *                 {@code default-roles-<realm>} into every realm-role list. At least one known role must remain.
 */
@ConfigurationProperties("zz.security.claims")
public record ClaimMapping(@DefaultValue(Caller.CLAIM_ROLES) String roles,
                           @DefaultValue(Caller.CLAIM_DISTRICT) String district,
                           @DefaultValue(Caller.CLAIM_ORG) String org,
                           @DefaultValue(Caller.CLAIM_MEMBER) String member,
                           @DefaultValue("false") boolean ignoreUnknownRoles) {

    private static final Pattern PATH = Pattern.compile("[^\\s.]+(\\.[^\\s.]+)*");

    /** The platform's own claim names. */
    public static final ClaimMapping DEFAULT =
            new ClaimMapping(Caller.CLAIM_ROLES, Caller.CLAIM_DISTRICT, Caller.CLAIM_ORG, Caller.CLAIM_MEMBER, false);

    public ClaimMapping {
        check("roles", roles);
        check("district", district);
        check("org", org);
        check("member", member);
    }

    private static void check(String name, String path) {
        if (path == null || !PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("zz.security.claims." + name
                    + " must be a claim name or a dotted path like realm_access.roles, not '" + path + "'");
        }
    }

    /**
     * The value at a dotted path: {@code a.b.c} reads claim {@code a}, then key {@code b} of that object, then
     * {@code c}. A claim whose own name contains the dots (as some providers emit, e.g. {@code "https://x/roles"})
     * wins when present as a whole. Null when any step is missing or not an object.
     */
    public static Object read(Map<String, Object> claims, String path) {
        if (claims.containsKey(path)) {
            return claims.get(path);
        }
        Object current = claims;
        for (String step : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> object)) {
                return null;
            }
            current = object.get(step);
        }
        return current;
    }

    /** A role claim given as one space- or comma-separated string (some providers do) read as a list. */
    static Object rolesValue(Object value) {
        if (value instanceof String text && !text.isBlank()) {
            return List.of(text.trim().split("[\\s,]+"));
        }
        return value;
    }
}
