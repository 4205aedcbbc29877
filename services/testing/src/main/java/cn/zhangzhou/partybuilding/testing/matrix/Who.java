package cn.zhangzhou.partybuilding.testing.matrix;

import java.util.EnumSet;
import java.util.Set;

/**
 * The callers of the scope matrix, each relative to the object under test: of its district or another, of its
 * street and community or others, the member who owns it, another member of its community, a member of another
 * district; and tokens to be refused whatever the call.
 */
public enum Who {
    CITY_ADMIN,
    DISTRICT_ADMIN,
    DISTRICT_SYSTEM,
    OTHER_DISTRICT_ADMIN,
    OTHER_DISTRICT_SYSTEM,
    /** Staff of the object's street. */
    STREET_STAFF,
    OTHER_STREET_STAFF,
    /** Staff of the object's community. */
    COMMUNITY_STAFF,
    /** Staff of another community of the same street. */
    OTHER_COMMUNITY_STAFF,
    /** The member whose object it is. */
    OWNER,
    /** Another member of the object's community. */
    NEIGHBOUR,
    /** A member held by another district. */
    OTHER_DISTRICT_MEMBER,
    /** A token of the other district bound to the owner, a member it does not hold: refused everywhere (403). */
    MISBOUND_MEMBER,
    ANONYMOUS,
    /** Signed by the trusted key, expired an hour ago. */
    EXPIRED,
    /** Not a JWT at all. */
    GARBLED,
    /** A trusted token whose payload was swapped for a CITY_ADMIN's. */
    TAMPERED,
    /** {@code alg: none}, a CITY_ADMIN's claims. */
    UNSIGNED,
    /** A CITY_ADMIN's claims signed by a key no service trusts. */
    OTHER_KEY;

    /** Everyone the service must authenticate, and then decide about. */
    public static final Set<Who> AUTHENTICATED = EnumSet.range(CITY_ADMIN, OTHER_DISTRICT_MEMBER);
    /** Tokens the service refuses whatever the operation: 401, and 403 for a member bound to the wrong district. */
    public static final Set<Who> BAD_TOKENS = EnumSet.range(MISBOUND_MEMBER, OTHER_KEY);
    /** The whole district (and the city). */
    public static final Set<Who> DISTRICT_WIDE = EnumSet.of(CITY_ADMIN, DISTRICT_ADMIN, DISTRICT_SYSTEM);
    /** Staff whose scope covers the object: district-wide, its street's and its community's. */
    public static final Set<Who> STAFF_IN_SCOPE = EnumSet.of(CITY_ADMIN, DISTRICT_ADMIN, DISTRICT_SYSTEM,
            STREET_STAFF, COMMUNITY_STAFF);
    /** Staff of the district at any level, whatever their street or community. */
    public static final Set<Who> DISTRICT_STAFF = EnumSet.of(CITY_ADMIN, DISTRICT_ADMIN, DISTRICT_SYSTEM,
            STREET_STAFF, OTHER_STREET_STAFF, COMMUNITY_STAFF, OTHER_COMMUNITY_STAFF);
    /** The members, any district. */
    public static final Set<Who> MEMBERS = EnumSet.of(OWNER, NEIGHBOUR, OTHER_DISTRICT_MEMBER);

    /** Every caller of the sets. */
    @SafeVarargs
    public static Set<Who> union(Set<Who>... sets) {
        EnumSet<Who> all = EnumSet.noneOf(Who.class);
        for (Set<Who> set : sets) {
            all.addAll(set);
        }
        return all;
    }
}
