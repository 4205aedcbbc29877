package cn.zhangzhou.partybuilding.wishes.directory;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.support.security.MemberHomes;

/**
 * What the wishes service knows of its district from membership events: the organisation tree (for scope
 * checks and "does this community exist"), who may claim in which community, and which district holds a member
 * (every MEMBER token is checked against it: support's {@code MemberBinding}). No personal data.
 */
@Repository
public class DirectoryStore implements MemberHomes {

    /** An organisation of the district with its path of ids from the root. */
    public record KnownOrganisation(UUID id, OrganisationType type, UUID parentId, String path, boolean active) {

        public boolean isWithin(UUID ancestorId) {
            return path.contains("/" + ancestorId + "/");
        }
    }

    private final JdbcClient jdbc;

    DirectoryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<KnownOrganisation> organisation(UUID id) {
        return jdbc.sql("select * from organisation where id = ?").param(id)
                .query((rs, i) -> new KnownOrganisation(rs.getObject("id", UUID.class),
                        OrganisationType.valueOf(rs.getString("type")), rs.getObject("parent_id", UUID.class),
                        rs.getString("path"), rs.getBoolean("active")))
                .optional();
    }

    /** An active community (社区) of this district. */
    public Optional<KnownOrganisation> community(UUID id) {
        return organisation(id).filter(o -> o.type() == OrganisationType.COMMUNITY && o.active());
    }

    void organisationCreated(UUID id, OrganisationType type, UUID parentId) {
        jdbc.sql("insert into organisation (id, type, parent_id, path) values (?, ?, ?, '') on conflict (id) do "
                        + "update set type = excluded.type, parent_id = excluded.parent_id")
                .params(id, type.name(), parentId).update();
        repath(id);
    }

    /** Moves the organisation and its whole subtree. */
    void organisationMoved(UUID id, UUID toParentId) {
        if (jdbc.sql("update organisation set parent_id = ? where id = ?").params(toParentId, id).update() == 1) {
            repath(id);
        }
    }

    /**
     * Recomputes the path of the organisation and of everything below it from the parent links. Membership keys
     * its events by organisation, so a child's creation may arrive (another partition) before its parent's: the
     * child then hangs under a placeholder {@code /<parentId>/} until the parent arrives, whose repath reaches it
     * through {@code parent_id} and completes its path — and its subtree's.
     */
    private void repath(UUID id) {
        jdbc.sql("""
                with recursive sub (id, path) as (
                    select o.id, coalesce(p.path, case when o.parent_id is null then '/' else '/' || o.parent_id || '/' end)
                                 || o.id || '/'
                    from organisation o left join organisation p on p.id = o.parent_id
                    where o.id = :id
                  union all
                    select c.id, sub.path || c.id || '/'
                    from organisation c join sub on c.parent_id = sub.id
                    where position(c.id::text in sub.path) = 0
                )
                update organisation o set path = sub.path from sub where o.id = sub.id
                """).param("id", id).update();
    }

    void organisationDeactivated(UUID id) {
        jdbc.sql("update organisation set active = false where id = ?").param(id).update();
    }

    void residence(UUID memberId, String district, UUID communityId) {
        jdbc.sql("insert into member_residence (member_id, district, community_id) values (?, ?, ?) "
                        + "on conflict (member_id) do update set district = excluded.district, "
                        + "community_id = excluded.community_id")
                .params(memberId, district, communityId).update();
    }

    void memberReport(UUID reportId, UUID memberId, String memberDistrict, UUID communityId, boolean accepted) {
        jdbc.sql("insert into member_report (report_id, member_id, member_district, community_id, accepted) "
                        + "values (?, ?, ?, ?, ?) on conflict (report_id) do update set accepted = excluded.accepted")
                .params(reportId, memberId, memberDistrict, communityId, accepted).update();
    }

    /** A member who no longer lives in this district: their residence here no longer makes them eligible. */
    void residenceElsewhere(UUID memberId) {
        jdbc.sql("update member_residence set community_id = null where member_id = ?").param(memberId).update();
    }

    void unitReportAccepted(UUID reportId, UUID unitId, UUID communityId) {
        jdbc.sql("insert into unit_report (report_id, unit_id, community_id) values (?, ?, ?) on conflict do nothing")
                .params(reportId, unitId, communityId).update();
    }

    /** A member may claim in a community they live in or have an accepted member report (双报到) to. */
    public boolean memberMayClaimIn(UUID memberId, UUID communityId) {
        return jdbc.sql("select exists (select 1 from member_residence where member_id = :m and community_id = :c) "
                        + "or exists (select 1 from member_report where member_id = :m and community_id = :c and accepted)")
                .param("m", memberId).param("c", communityId).query(Boolean.class).single();
    }

    /**
     * The district holding a member: from their registration (any district's, for members living here), else from
     * an accepted member report to one of our communities; empty for members of other districts with neither.
     */
    @Override
    public Optional<String> districtOf(UUID member) {
        return jdbc.sql("select district from (select district, 0 as source from member_residence where member_id = :m "
                        + "union all select member_district, 1 from member_report where member_id = :m "
                        + "and member_district is not null) known order by source limit 1")
                .param("m", member).query(String.class).optional();
    }

    /** A resident unit (驻区单位) whose unit report (单位报到) to the community was accepted. */
    public boolean unitReportedTo(UUID unitId, UUID communityId) {
        return jdbc.sql("select exists (select 1 from unit_report where unit_id = ? and community_id = ?)")
                .params(unitId, communityId).query(Boolean.class).single();
    }
}
