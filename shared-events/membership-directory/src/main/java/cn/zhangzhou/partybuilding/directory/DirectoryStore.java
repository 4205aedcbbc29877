package cn.zhangzhou.partybuilding.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.messaging.BatchedWrites;

/** Every SQL statement on the directory's tables (schema {@code directory}). */
final class DirectoryStore implements MembershipDirectory {

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    DirectoryStore(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.batches = new JdbcTemplate(dataSource);
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

    /**
     * The writes of one poll's membership events, to {@link BatchedWrites#flush()} before its transaction commits:
     * the directory's tables reference none of each other's rows (a parent may arrive after its child), so they may
     * run table by table.
     */
    BatchedWrites writes() {
        return new BatchedWrites(batches);
    }

    void organisationCreated(BatchedWrites writes, UUID id, OrganisationType type, UUID parentId) {
        writes.add("organisation", """
                insert into directory.organisation (id, type, parent_id) values (?, ?, ?)
                on conflict (id) do update set type = excluded.type, parent_id = excluded.parent_id
                """, id, type.name(), parentId);
    }

    void organisationMoved(BatchedWrites writes, UUID id, UUID toParentId) {
        writes.add("organisation", "update directory.organisation set parent_id = ? where id = ?", toParentId, id);
    }

    void organisationDeactivated(BatchedWrites writes, UUID id) {
        writes.add("organisation", "update directory.organisation set active = false where id = ?", id);
    }

    /** @param community where the member lives in this district; null: elsewhere */
    void member(BatchedWrites writes, UUID member, String homeDistrict, UUID community) {
        writes.add("member", """
                insert into directory.member (member_id, home_district, residence_community_id) values (?, ?, ?)
                on conflict (member_id) do update set home_district = excluded.home_district,
                residence_community_id = excluded.residence_community_id
                """, member, homeDistrict, community);
    }

    /** A member we know, now held by another district and living outside this one (moved away, or transferred). */
    void elsewhere(BatchedWrites writes, UUID member, String homeDistrict) {
        writes.add("member", """
                update directory.member set home_district = ?, residence_community_id = null where member_id = ?
                """, homeDistrict, member);
    }

    void memberReport(BatchedWrites writes, UUID report, UUID member, String memberDistrict, UUID community,
                      boolean accepted) {
        writes.add("member_report", """
                insert into directory.member_report (report_id, member_id, member_district, community_id, accepted)
                values (?, ?, ?, ?, ?) on conflict (report_id) do update set accepted = excluded.accepted
                """, report, member, memberDistrict, community, accepted);
    }

    void unitReportAccepted(BatchedWrites writes, UUID report, UUID unit, UUID community) {
        writes.add("unit_report", """
                insert into directory.unit_report (report_id, unit_id, community_id) values (?, ?, ?)
                on conflict do nothing
                """, report, unit, community);
    }

    private static KnownOrganisation organisation(ResultSet rs, int i) throws SQLException {
        return new KnownOrganisation(rs.getObject("id", UUID.class), OrganisationType.valueOf(rs.getString("type")),
                rs.getObject("parent_id", UUID.class), rs.getBoolean("active"));
    }
}
