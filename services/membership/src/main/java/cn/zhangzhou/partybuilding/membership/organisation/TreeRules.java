package cn.zhangzhou.partybuilding.membership.organisation;

import static cn.zhangzhou.partybuilding.events.membership.OrganisationType.COMMUNITY;
import static cn.zhangzhou.partybuilding.events.membership.OrganisationType.DISTRICT_COMMITTEE;
import static cn.zhangzhou.partybuilding.events.membership.OrganisationType.GRID;
import static cn.zhangzhou.partybuilding.events.membership.OrganisationType.NON_PUBLIC;
import static cn.zhangzhou.partybuilding.events.membership.OrganisationType.PARTY_GROUP;
import static cn.zhangzhou.partybuilding.events.membership.OrganisationType.RESIDENT_UNIT;
import static cn.zhangzhou.partybuilding.events.membership.OrganisationType.STREET_COMMITTEE;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import cn.zhangzhou.partybuilding.events.membership.OrganisationType;

/** Which type of organisation may sit under which (docs/domain.md, "The organisation tree"). */
public final class TreeRules {

    private static final Map<OrganisationType, Set<OrganisationType>> ALLOWED_PARENTS = Map.of(
            DISTRICT_COMMITTEE, EnumSet.noneOf(OrganisationType.class),
            STREET_COMMITTEE, EnumSet.of(DISTRICT_COMMITTEE),
            COMMUNITY, EnumSet.of(STREET_COMMITTEE),
            GRID, EnumSet.of(COMMUNITY),
            PARTY_GROUP, EnumSet.of(GRID),
            RESIDENT_UNIT, EnumSet.of(DISTRICT_COMMITTEE, STREET_COMMITTEE),
            NON_PUBLIC, EnumSet.of(STREET_COMMITTEE, COMMUNITY));

    /** Where a member's membership relationship (组织关系) can be held. */
    private static final Set<OrganisationType> HOME_TYPES = EnumSet.of(COMMUNITY, RESIDENT_UNIT, NON_PUBLIC);

    private TreeRules() {
    }

    static Set<OrganisationType> allowedParents(OrganisationType child) {
        return ALLOWED_PARENTS.get(child);
    }

    public static boolean mayHoldMembers(OrganisationType type) {
        return HOME_TYPES.contains(type);
    }

    public static Set<OrganisationType> homeTypes() {
        return HOME_TYPES;
    }
}
