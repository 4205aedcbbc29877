package cn.zhangzhou.partybuilding.directory;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.support.security.MemberHomes;

/**
 * One district as its services other than membership know it, from the districts' membership events only (never a
 * call to membership): the organisation tree, the members living in its communities (also members of other
 * districts, with their home district), accepted member reports (双报到) and unit reports. No personal data. A
 * service gets it by depending on {@code membership-directory}; as {@link MemberHomes} it also gives the service
 * support's member binding check (decision 0016). Decision 0020.
 */
public interface MembershipDirectory extends MemberHomes {

    /** An organisation of the district. */
    record KnownOrganisation(UUID id, OrganisationType type, UUID parentId, boolean active) {
    }

    Optional<KnownOrganisation> organisation(UUID id);

    /** An active community (社区) of the district. */
    default Optional<KnownOrganisation> community(UUID id) {
        return organisation(id).filter(o -> o.type() == OrganisationType.COMMUNITY && o.active());
    }

    /** The district's active organisations of a type, by id: e.g. every community, for a district-wide evaluation. */
    List<KnownOrganisation> active(OrganisationType type);

    /** Whether {@code id} is {@code ancestor} or below it. */
    boolean isWithin(UUID id, UUID ancestor);

    /** The organisation and every organisation below it: what a report or a list of it covers. */
    List<UUID> subtree(UUID id);

    /**
     * The district that holds the member, if they may act in the community: they live there, or their member report
     * (双报到) to it was accepted; whatever their home district.
     */
    Optional<String> homeDistrictIn(UUID member, UUID community);

    /** Whether the member may act in the community: they live there, or reported to it (双报到). */
    default boolean mayActIn(UUID member, UUID community) {
        return homeDistrictIn(member, community).isPresent();
    }

    /** Whether the member lives in one of the district's communities or has an accepted member report to one. */
    boolean livesOrReportedHere(UUID member);

    /** Whether the resident unit's (驻区单位) unit report (单位报到) to the community was accepted. */
    boolean unitReportedTo(UUID unit, UUID community);

    /**
     * The district holding the member: from their registration (members of this district, and of others while they
     * live here), else from a member report to one of our communities; empty for members of other districts with
     * neither, who can do nothing here (so they are not refused: {@link #knowsEveryMember()} is false).
     */
    @Override
    Optional<String> districtOf(UUID member);
}
