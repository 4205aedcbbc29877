package cn.zhangzhou.partybuilding.volunteering.brand;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.zhangzhou.partybuilding.support.web.Page;

/** Brand projects and their service records. */
@Repository
class BrandProjectStore {

    private final JdbcClient jdbc;

    BrandProjectStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<BrandProject> find(UUID id) {
        return jdbc.sql("select * from brand_project where id = ?").param(id).query(BrandProjectStore::map).optional();
    }

    /** The project, locked until the transaction ends: its records are added one at a time, in version order. */
    Optional<BrandProject> lock(UUID id) {
        return jdbc.sql("select * from brand_project where id = ? for no key update").param(id)
                .query(BrandProjectStore::map).optional();
    }

    boolean nameTaken(UUID organisationId, String name) {
        return jdbc.sql("select exists (select 1 from brand_project where organisation_id = ? and name = ?)")
                .params(organisationId, name).query(Boolean.class).single();
    }

    void insert(BrandProject p, String by) {
        jdbc.sql("insert into brand_project (id, organisation_id, name, description, version, launched_at, launched_by) "
                        + "values (?, ?, ?, ?, 1, ?, ?)")
                .params(p.id(), p.organisationId(), p.name(), p.description(), Timestamp.from(p.launchedAt()), by)
                .update();
    }

    /** Adds the record and moves the project one version on; the caller holds the project's lock. */
    void record(BrandProject.ServiceRecord r, String by) {
        jdbc.sql("insert into service_record (id, project_id, type, quantity, occurred_on, subject, note, campaign_id, "
                        + "recorded_at, recorded_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.projectId(), r.type(), r.quantity(), Date.valueOf(r.occurredOn()), r.subject(),
                        r.note(), r.campaignId(), Timestamp.from(r.recordedAt()), by)
                .update();
        jdbc.sql("update brand_project set version = version + 1 where id = ?").param(r.projectId()).update();
    }

    /** Projects of the organisations, by name. */
    Page<BrandProject> of(List<UUID> organisations, int page, int size) {
        long total = jdbc.sql("select count(*) from brand_project where organisation_id in (:orgs)")
                .param("orgs", organisations).query(Long.class).single();
        List<BrandProject> items = jdbc.sql("select * from brand_project where organisation_id in (:orgs) "
                        + "order by name, id limit :size offset :offset")
                .param("orgs", organisations).param("size", size).param("offset", (long) page * size)
                .query(BrandProjectStore::map).list();
        return Page.of(items, page, size, total);
    }

    /** The project's records, latest first. */
    Page<BrandProject.ServiceRecord> records(UUID projectId, int page, int size) {
        long total = jdbc.sql("select count(*) from service_record where project_id = ?").param(projectId)
                .query(Long.class).single();
        List<BrandProject.ServiceRecord> items = jdbc.sql("select * from service_record where project_id = :p "
                        + "order by occurred_on desc, recorded_at desc, id limit :size offset :offset")
                .param("p", projectId).param("size", size).param("offset", (long) page * size)
                .query((rs, i) -> new BrandProject.ServiceRecord(rs.getObject("id", UUID.class),
                        rs.getObject("project_id", UUID.class), rs.getString("type"), rs.getInt("quantity"),
                        rs.getDate("occurred_on").toLocalDate(), rs.getString("subject"), rs.getString("note"),
                        rs.getObject("campaign_id", UUID.class), rs.getTimestamp("recorded_at").toInstant()))
                .list();
        return Page.of(items, page, size, total);
    }

    private static BrandProject map(ResultSet rs, int i) throws SQLException {
        return new BrandProject(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
                rs.getString("name"), rs.getString("description"), rs.getLong("version"),
                rs.getTimestamp("launched_at").toInstant());
    }
}
