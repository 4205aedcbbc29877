package cn.zhangzhou.partybuilding.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import cn.zhangzhou.partybuilding.events.membership.OrganisationType;

/** Every SQL statement on the directory's tables (schema {@code directory}). */
final class DirectoryStore implements MembershipDirectory {

    private final JdbcClient jdbc;

    DirectoryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<KnownOrganisation> organisation(UUID id) {
        return jdbc.sql("select * from directory.organisation where id = ?").param(id)
                .query(DirectoryStore::organisation).optional();
    }

    @Override
    public List<KnownOrganisation> active(OrganisationType type) {
        return jdbc.sql("select * from directory.organisation where type = ? and active order by id").param(type.name())
                .query(DirectoryStore::organisation).list();
    }

    /** A walk up the parent links: events may arrive in any order, and a parent that arrives later completes it. */
    @Override
    public boolean isWithin(UUID id, UUID ancestor) {
        return jdbc.sql("""
                        with recursive up (id, parent_id) as (
                            select id, parent_id from directory.organisation where id = :id
                          union
                            select o.id, o.parent_id from directory.organisation o join up on o.id = up.parent_id
                        )
                        select exists (select 1 from up where id = :ancestor)""")
                .param("id", id).param("ancestor", ancestor).query(Boolean.class).single();
    }

    @Override
    public List<UUID> subtree(UUID id) {
        return jdbc.sql("""
                        with recursive down (id) as (
                            select cast(:id as uuid)
                          union
                            select o.id from directory.organisation o join down on o.parent_id = down.id
                        )
                        select id from down""")
                .param("id", id).query(UUID.class).list();
    }

    @Override
    public Optional<String> homeDistrictIn(UUID member, UUID community) {
        return jdbc.sql("select home_district from directory.member where member_id = :m "
                        + "and residence_community_id = :c union all select member_district "
                        + "from directory.member_report where member_id = :m and community_id = :c and accepted limit 1")
                .param("m", member).param("c", community).query(String.class).optional();
    }

    @Override
    public boolean livesOrReportedHere(UUID member) {
        return jdbc.sql("select exists (select 1 from directory.member where member_id = :m "
                        + "and residence_community_id is not null) "
                        + "or exists (select 1 from directory.member_report where member_id = :m and accepted)")
                .param("m", member).query(Boolean.class).single();
    }

    @Override
    public boolean unitReportedTo(UUID unit, UUID community) {
        return jdbc.sql("select exists (select 1 from directory.unit_report where unit_id = ? and community_id = ?)")
                .params(unit, community).query(Boolean.class).single();
    }

    @Override
    public Optional<String> districtOf(UUID member) {
        return jdbc.sql("select district from (select home_district district, 0 source from directory.member "
                        + "where member_id = :m union all select member_district, 1 from directory.member_report "
                        + "where member_id = :m) known order by source limit 1")
                .param("m", member).query(String.class).optional();
    }

    void organisationCreated(UUID id, OrganisationType type, UUID parentId) {
        jdbc.sql("insert into directory.organisation (id, type, parent_id) values (?, ?, ?) on conflict (id) do "
                        + "update set type = excluded.type, parent_id = excluded.parent_id")
                .params(id, type.name(), parentId).update();
    }

    void organisationMoved(UUID id, UUID toParentId) {
        jdbc.sql("update directory.organisation set parent_id = ? where id = ?").params(toParentId, id).update();
    }

    void organisationDeactivated(UUID id) {
        jdbc.sql("update directory.organisation set active = false where id = ?").param(id).update();
    }

    /** @param community where the member lives in this district; null: elsewhere */
    void member(UUID member, String homeDistrict, UUID community) {
        jdbc.sql("insert into directory.member (member_id, home_district, residence_community_id) values (?, ?, ?) "
                        + "on conflict (member_id) do update set home_district = excluded.home_district, "
                        + "residence_community_id = excluded.residence_community_id")
                .params(member, homeDistrict, community).update();
    }

    /** A member we know, now held by another district and living outside this one (moved away, or transferred). */
    void elsewhere(UUID member, String homeDistrict) {
        jdbc.sql("update directory.member set home_district = ?, residence_community_id = null where member_id = ?")
                .params(homeDistrict, member).update();
    }

    void memberReport(UUID report, UUID member, String memberDistrict, UUID community, boolean accepted) {
        jdbc.sql("insert into directory.member_report (report_id, member_id, member_district, community_id, accepted) "
                        + "values (?, ?, ?, ?, ?) on conflict (report_id) do update set accepted = excluded.accepted")
                .params(report, member, memberDistrict, community, accepted).update();
    }

    void unitReportAccepted(UUID report, UUID unit, UUID community) {
        jdbc.sql("insert into directory.unit_report (report_id, unit_id, community_id) values (?, ?, ?) "
                        + "on conflict do nothing")
                .params(report, unit, community).update();
    }

    private static KnownOrganisation organisation(ResultSet rs, int i) throws SQLException {
        return new KnownOrganisation(rs.getObject("id", UUID.class), OrganisationType.valueOf(rs.getString("type")),
                rs.getObject("parent_id", UUID.class), rs.getBoolean("active"));
    }
}
