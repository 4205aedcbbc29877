package cn.zhangzhou.partybuilding.volunteering.directory;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.zhangzhou.partybuilding.events.membership.OrganisationType;

/**
 * What the volunteering service knows of its district from membership events: the organisation tree by parent
 * links, where members live and which district holds them, accepted member reports (双报到) and unit reports. No
 * personal data. "Inside" is a walk up the parent links, so events may arrive in any order.
 */
@Repository
public class DirectoryStore {

    /** An organisation of the district. */
    public record KnownOrganisation(UUID id, OrganisationType type, UUID parentId, boolean active) {
    }

    private final JdbcClient jdbc;

    DirectoryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<KnownOrganisation> organisation(UUID id) {
        return jdbc.sql("select * from organisation where id = ?").param(id)
                .query((rs, i) -> new KnownOrganisation(rs.getObject("id", UUID.class),
                        OrganisationType.valueOf(rs.getString("type")), rs.getObject("parent_id", UUID.class),
                        rs.getBoolean("active")))
                .optional();
    }

    /** Whether {@code id} is {@code ancestor} or below it. */
    public boolean isWithin(UUID id, UUID ancestor) {
        return jdbc.sql("""
                        with recursive up (id, parent_id) as (
                            select id, parent_id from organisation where id = :id
                          union
                            select o.id, o.parent_id from organisation o join up on o.id = up.parent_id
                        )
                        select exists (select 1 from up where id = :ancestor)""")
                .param("id", id).param("ancestor", ancestor).query(Boolean.class).single();
    }

    /** The organisation and every organisation below it: what a report or a staff list of it covers. */
    public List<UUID> subtree(UUID id) {
        return jdbc.sql("""
                        with recursive down (id) as (
                            select cast(:id as uuid)
                          union
                            select o.id from organisation o join down on o.parent_id = down.id
                        )
                        select id from down""")
                .param("id", id).query(UUID.class).list();
    }

    /**
     * The district that holds the member, if they may volunteer in the community: they live there, or their
     * member report (双报到) to it was accepted; whatever their home district.
     */
    public Optional<String> homeDistrictIn(UUID memberId, UUID communityId) {
        return jdbc.sql("select home_district from member where member_id = :m and residence_community_id = :c "
                        + "union all select member_district from member_report where member_id = :m "
                        + "and community_id = :c and accepted limit 1")
                .param("m", memberId).param("c", communityId).query(String.class).optional();
    }

    /** Whether the member lives in one of our communities or reported to one (双报到): they volunteer here. */
    public boolean volunteersHere(UUID memberId) {
        return jdbc.sql("select exists (select 1 from member where member_id = :m and residence_community_id is not null) "
                        + "or exists (select 1 from member_report where member_id = :m and accepted)")
                .param("m", memberId).query(Boolean.class).single();
    }

    /** A resident unit (驻区单位) whose unit report (单位报到) to the community was accepted. */
    public boolean unitReportedTo(UUID unitId, UUID communityId) {
        return jdbc.sql("select exists (select 1 from unit_report where unit_id = ? and community_id = ?)")
                .params(unitId, communityId).query(Boolean.class).single();
    }

    void organisationCreated(UUID id, OrganisationType type, UUID parentId) {
        jdbc.sql("insert into organisation (id, type, parent_id) values (?, ?, ?) on conflict (id) do update "
                        + "set type = excluded.type, parent_id = excluded.parent_id")
                .params(id, type.name(), parentId).update();
    }

    void organisationMoved(UUID id, UUID toParentId) {
        jdbc.sql("update organisation set parent_id = ? where id = ?").params(toParentId, id).update();
    }

    void organisationDeactivated(UUID id) {
        jdbc.sql("update organisation set active = false where id = ?").param(id).update();
    }

    /** @param communityId where the member lives in this district; null: elsewhere */
    void member(UUID memberId, String homeDistrict, UUID communityId) {
        jdbc.sql("insert into member (member_id, home_district, residence_community_id) values (?, ?, ?) "
                        + "on conflict (member_id) do update set home_district = excluded.home_district, "
                        + "residence_community_id = excluded.residence_community_id")
                .params(memberId, homeDistrict, communityId).update();
    }

    /** A member of another district moved away: they no longer live in one of our communities. */
    void movedAway(UUID memberId) {
        jdbc.sql("update member set residence_community_id = null where member_id = ?").param(memberId).update();
    }

    void memberReport(UUID reportId, UUID memberId, String memberDistrict, UUID communityId, boolean accepted) {
        jdbc.sql("insert into member_report (report_id, member_id, member_district, community_id, accepted) "
                        + "values (?, ?, ?, ?, ?) on conflict (report_id) do update set accepted = excluded.accepted")
                .params(reportId, memberId, memberDistrict, communityId, accepted).update();
    }

    void unitReportAccepted(UUID reportId, UUID unitId, UUID communityId) {
        jdbc.sql("insert into unit_report (report_id, unit_id, community_id) values (?, ?, ?) on conflict do nothing")
                .params(reportId, unitId, communityId).update();
    }
}
