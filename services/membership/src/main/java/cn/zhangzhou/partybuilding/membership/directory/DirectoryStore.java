package cn.zhangzhou.partybuilding.membership.directory;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.zhangzhou.partybuilding.events.membership.CadreRole;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;

/**
 * What this district knows of the other districts' organisations and members: projections kept from
 * their events only (the districts never call each other).
 */
@Repository
public class DirectoryStore {

    /** An organisation of another district. */
    public record ExternalOrganisation(UUID id, String district, String code, String name, OrganisationType type,
                                       UUID parentId, boolean active) {
    }

    /** A member held by another district (no personal data: events carry none). */
    public record ExternalMember(UUID id, String district, UUID homeOrganisationId, String residenceDistrict,
                                 UUID residenceCommunityId, MemberCategory category, List<String> specialties,
                                 CadreRole cadreRole, boolean communityWorker, boolean active) {
    }

    private final JdbcClient jdbc;

    DirectoryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ExternalOrganisation> organisation(UUID id) {
        return jdbc.sql("select * from external_organisation where id = ?").param(id)
                .query(ExternalOrganisation.class).optional();
    }

    public Optional<ExternalMember> member(UUID id) {
        return jdbc.sql("select * from external_member where id = ?").param(id)
                .query((rs, i) -> new ExternalMember(rs.getObject("id", UUID.class), rs.getString("district"),
                        rs.getObject("home_organisation_id", UUID.class), rs.getString("residence_district"),
                        rs.getObject("residence_community_id", UUID.class),
                        MemberCategory.valueOf(rs.getString("category")),
                        specialties(rs.getArray("specialties")),
                        rs.getString("cadre_role") == null ? null : CadreRole.valueOf(rs.getString("cadre_role")),
                        rs.getBoolean("community_worker"), rs.getBoolean("active")))
                .optional();
    }

    public void upsertOrganisation(ExternalOrganisation o) {
        jdbc.sql("insert into external_organisation (id, district, code, name, type, parent_id, active) "
                        + "values (?, ?, ?, ?, ?, ?, ?) on conflict (id) do update set code = excluded.code, "
                        + "name = excluded.name, type = excluded.type, parent_id = excluded.parent_id, "
                        + "active = excluded.active")
                .params(o.id(), o.district(), o.code(), o.name(), o.type().name(), o.parentId(), o.active())
                .update();
    }

    public void renameOrganisation(UUID id, String name) {
        jdbc.sql("update external_organisation set name = ? where id = ?").params(name, id).update();
    }

    public void moveOrganisation(UUID id, UUID parentId) {
        jdbc.sql("update external_organisation set parent_id = ? where id = ?").params(parentId, id).update();
    }

    public void deactivateOrganisation(UUID id) {
        jdbc.sql("update external_organisation set active = false where id = ?").param(id).update();
    }

    public void upsertMember(ExternalMember m) {
        jdbc.sql("insert into external_member (id, district, home_organisation_id, residence_district, "
                        + "residence_community_id, category, specialties, cadre_role, community_worker, active) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do update set "
                        + "district = excluded.district, home_organisation_id = excluded.home_organisation_id, "
                        + "residence_district = excluded.residence_district, "
                        + "residence_community_id = excluded.residence_community_id, category = excluded.category, "
                        + "specialties = excluded.specialties, cadre_role = excluded.cadre_role, "
                        + "community_worker = excluded.community_worker, active = excluded.active")
                .params(m.id(), m.district(), m.homeOrganisationId(), m.residenceDistrict(), m.residenceCommunityId(),
                        m.category().name(), m.specialties().toArray(String[]::new),
                        m.cadreRole() == null ? null : m.cadreRole().name(), m.communityWorker(), m.active())
                .update();
    }

    public void updateMemberHome(UUID id, UUID homeOrganisationId) {
        jdbc.sql("update external_member set home_organisation_id = ? where id = ?").params(homeOrganisationId, id)
                .update();
    }

    public void deactivateMember(UUID id) {
        jdbc.sql("update external_member set active = false where id = ?").param(id).update();
    }

    private static List<String> specialties(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
