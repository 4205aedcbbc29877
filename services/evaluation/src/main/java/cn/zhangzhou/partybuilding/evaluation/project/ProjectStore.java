package cn.zhangzhou.partybuilding.evaluation.project;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.zhangzhou.partybuilding.events.evaluation.Grade;
import cn.zhangzhou.partybuilding.support.web.Page;

/** Projects with their wishes, targets, milestones and progress updates. */
@Repository
class ProjectStore {

    private final JdbcClient jdbc;

    ProjectStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Project p, String by) {
        jdbc.sql("insert into project (id, organisation_id, year, title, need, secretary_id, status, version, "
                        + "launched_at, launched_by) values (?, ?, ?, ?, ?, ?, 'ACTIVE', 1, ?, ?)")
                .params(p.id(), p.organisationId(), p.year(), p.title(), p.need(), p.secretaryId(),
                        Timestamp.from(p.launchedAt()), by)
                .update();
        for (UUID wish : p.wishIds()) {
            jdbc.sql("insert into project_wish (project_id, wish_id) values (?, ?)").params(p.id(), wish).update();
        }
        int position = 0;
        for (Project.Target t : p.targets()) {
            jdbc.sql("insert into target (id, project_id, position, indicator, unit, target_value) "
                            + "values (?, ?, ?, ?, ?, ?)")
                    .params(t.id(), p.id(), position++, t.indicator(), t.unit(), t.targetValue()).update();
        }
        for (Project.Milestone m : p.milestones()) {
            jdbc.sql("insert into milestone (id, project_id, title, due_on) values (?, ?, ?, ?)")
                    .params(m.id(), p.id(), m.title(), Date.valueOf(m.dueOn())).update();
        }
    }

    Optional<Project> find(UUID id) {
        return jdbc.sql("select * from project where id = ?").param(id).query(this::map).optional();
    }

    /** The project, locked until the transaction ends: its changes and their events happen one at a time. */
    Optional<Project> lock(UUID id) {
        return jdbc.sql("select * from project where id = ? for no key update").param(id).query(this::map).optional();
    }

    /** Projects of the organisations in the year, by title. */
    Page<Project> of(List<UUID> organisations, int year, int page, int size) {
        long total = jdbc.sql("select count(*) from project where organisation_id in (:orgs) and year = :year")
                .param("orgs", organisations).param("year", year).query(Long.class).single();
        List<Project> items = jdbc.sql("select * from project where organisation_id in (:orgs) and year = :year "
                        + "order by title, id limit :size offset :offset")
                .param("orgs", organisations).param("year", year).param("size", size)
                .param("offset", (long) page * size).query(this::map).list();
        return Page.of(items, page, size, total);
    }

    /** The secretaries responsible for a project of one of the organisations in the year. */
    List<UUID> secretariesOf(List<UUID> organisations, int year) {
        return jdbc.sql("select distinct secretary_id from project where organisation_id in (:orgs) and year = :year")
                .param("orgs", organisations).param("year", year).query(UUID.class).list();
    }

    /** Adds the update, marks its milestone reached (if any) and moves the project one version on. */
    long progress(UUID project, Project.Progress p, LocalDate reachedOn) {
        jdbc.sql("insert into progress (id, project_id, note, milestone_id, reported_at, reported_by) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(p.id(), project, p.note(), p.milestoneId(), Timestamp.from(p.reportedAt()), p.reportedBy())
                .update();
        if (p.milestoneId() != null) {
            jdbc.sql("update milestone set reached_on = ? where id = ? and project_id = ?")
                    .params(Date.valueOf(reachedOn), p.milestoneId(), project).update();
        }
        return nextVersion(project);
    }

    long reported(UUID project, String report, Instant at, String by) {
        jdbc.sql("update project set status = 'REPORTED', report = ?, reported_at = ?, reported_by = ? where id = ?")
                .params(report, Timestamp.from(at), by, project).update();
        return nextVersion(project);
    }

    long checked(UUID project, UUID target, int valueFound, boolean met, Instant at, String by) {
        jdbc.sql("update target set value_found = ?, met = ?, checked_at = ?, checked_by = ? where id = ?")
                .params(valueFound, met, Timestamp.from(at), by, target).update();
        return nextVersion(project);
    }

    long reviewed(UUID project, Project.Review review) {
        jdbc.sql("update project set review_grade = ?, review_comment = ?, reviewed_at = ?, reviewed_by = ? "
                        + "where id = ?")
                .params(review.grade().name(), review.comment(), Timestamp.from(review.reviewedAt()),
                        review.reviewedBy(), project).update();
        return nextVersion(project);
    }

    long published(UUID project, Instant at, String by) {
        jdbc.sql("update project set status = 'PUBLISHED', published_at = ?, published_by = ? where id = ?")
                .params(Timestamp.from(at), by, project).update();
        return nextVersion(project);
    }

    private long nextVersion(UUID project) {
        return jdbc.sql("update project set version = version + 1 where id = ? returning version").param(project)
                .query(Long.class).single();
    }

    private Project map(ResultSet rs, int i) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String grade = rs.getString("review_grade");
        Project.Review review = grade == null ? null : new Project.Review(Grade.valueOf(grade),
                rs.getString("review_comment"), rs.getString("reviewed_by"), instant(rs, "reviewed_at"));
        return new Project(id, rs.getObject("organisation_id", UUID.class), rs.getInt("year"), rs.getString("title"),
                rs.getString("need"), wishes(id), rs.getObject("secretary_id", UUID.class),
                Project.Status.valueOf(rs.getString("status")), targets(id), milestones(id), progress(id),
                rs.getString("report"), review, rs.getLong("version"), instant(rs, "launched_at"));
    }

    private List<UUID> wishes(UUID project) {
        return jdbc.sql("select wish_id from project_wish where project_id = ? order by wish_id").param(project)
                .query(UUID.class).list();
    }

    private List<Project.Target> targets(UUID project) {
        return jdbc.sql("select * from target where project_id = ? order by position").param(project)
                .query((rs, i) -> new Project.Target(rs.getObject("id", UUID.class), rs.getString("indicator"),
                        rs.getString("unit"), rs.getInt("target_value"), rs.getObject("value_found", Integer.class),
                        rs.getObject("met", Boolean.class), rs.getString("checked_by"), instant(rs, "checked_at")))
                .list();
    }

    private List<Project.Milestone> milestones(UUID project) {
        return jdbc.sql("select * from milestone where project_id = ? order by due_on, id").param(project)
                .query((rs, i) -> new Project.Milestone(rs.getObject("id", UUID.class), rs.getString("title"),
                        rs.getDate("due_on").toLocalDate(), rs.getObject("reached_on", LocalDate.class)))
                .list();
    }

    private List<Project.Progress> progress(UUID project) {
        return jdbc.sql("select * from progress where project_id = ? order by reported_at, id").param(project)
                .query((rs, i) -> new Project.Progress(rs.getObject("id", UUID.class), rs.getString("note"),
                        rs.getObject("milestone_id", UUID.class), instant(rs, "reported_at"),
                        rs.getString("reported_by")))
                .list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
