package cn.zhangzhou.partybuilding.support.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Reads the {@link Caller} from a verified JWT. Claims that do not make sense (an unknown role, an {@code org}
 * that is not a UUID, a district role without a district) make the token invalid: 401, never a guess.
 * Where the claims are is a {@link ClaimMapping} ({@code zz.security.claims.*}), so a token of another
 * provider (e.g. Keycloak's {@code realm_access.roles}) reads the same way.
 */
public class CallerClaims implements Converter<Jwt, AbstractAuthenticationToken> {

    /** District ids as used in topic names, e.g. {@code xiangcheng}. */
    private static final Pattern DISTRICT = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final ClaimMapping mapping;

    /** With the platform's own claim names. */
    public CallerClaims() {
        this(ClaimMapping.DEFAULT);
    }

    public CallerClaims(ClaimMapping mapping) {
        this.mapping = mapping;
    }

    public ClaimMapping mapping() {
        return mapping;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Caller caller = read(jwt.getSubject(), jwt.getClaims());
        return new CallerAuthentication(jwt,
                caller.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList(), caller);
    }

    /** With the platform's own claim names. @throws InvalidBearerTokenException when the claims are malformed */
    public static Caller caller(String subject, Map<String, Object> claims) {
        return new CallerClaims().read(subject, claims);
    }

    /** With this converter's mapping. @throws InvalidBearerTokenException when the claims are malformed */
    public Caller read(String subject, Map<String, Object> claims) {
        if (subject == null || subject.isBlank()) {
            throw invalid("the token has no subject");
        }
        Set<Role> roles = roles(mapping.roles(), mapping.ignoreUnknownRoles(), ClaimMapping.rolesValue(ClaimMapping.read(claims, mapping.roles())));
        String district = string(claims, mapping.district());
        if (district != null && !DISTRICT.matcher(district).matches()) {
            throw invalid("claim '" + mapping.district() + "' is not a district id: " + echo(district));
        }
        UUID org = uuid(claims, mapping.org());
        UUID member = uuid(claims, mapping.member());
        boolean cityWide = roles.contains(Role.CITY_ADMIN);
        if (!cityWide && district == null) {
            throw invalid("claim '" + mapping.district() + "' is required for roles " + roles);
        }
        if ((roles.contains(Role.STREET_STAFF) || roles.contains(Role.COMMUNITY_STAFF)) && org == null) {
            throw invalid("claim '" + mapping.org() + "' is required for STREET_STAFF and COMMUNITY_STAFF");
        }
        if (roles.contains(Role.MEMBER) && member == null) {
            throw invalid("claim '" + mapping.member() + "' is required for MEMBER");
        }
        return new Caller(subject, roles, district, org, member);
    }

    private static Set<Role> roles(String name, boolean ignoreUnknown, Object claim) {
        if (!(claim instanceof Collection<?> values) || values.isEmpty()) {
            throw invalid("claim '" + name + "' must be a non-empty array");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object value : values) {
            try {
                roles.add(Role.valueOf(String.valueOf(value)));
            } catch (IllegalArgumentException e) {
                if (ignoreUnknown) {
                    continue;
                }
                throw invalid("claim '" + name + "' contains an unknown role: " + echo(String.valueOf(value))
                        + "; known roles are " + List.of(Role.values()));
            }
        }
        if (roles.isEmpty()) {
            throw invalid("claim '" + name + "' holds none of the platform's roles " + List.of(Role.values()));
        }
        return roles;
    }

    private static String string(Map<String, Object> claims, String name) {
        Object value = ClaimMapping.read(claims, name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw invalid("claim '" + name + "' must be a non-empty string");
        }
        return text;
    }

    private static UUID uuid(Map<String, Object> claims, String name) {
        String value = string(claims, name);
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw invalid("claim '" + name + "' is not a UUID: " + echo(value));
        }
    }

    private static InvalidBearerTokenException invalid(String why) {
        return new InvalidBearerTokenException("Invalid token claims: " + why);
    }

    private static String echo(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "…";
    }
}
