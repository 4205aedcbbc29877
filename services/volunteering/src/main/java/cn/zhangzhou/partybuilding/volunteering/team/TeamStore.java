package cn.zhangzhou.partybuilding.volunteering.team;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.zhangzhou.partybuilding.events.volunteering.JoinPolicy;
import cn.zhangzhou.partybuilding.events.volunteering.TeamBase;
import cn.zhangzhou.partybuilding.support.web.Page;

/** Teams and who belongs to them. Every change of membership moves the team one version on. */
@Repository
class TeamStore {

    private final JdbcClient jdbc;

    TeamStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Team> find(UUID id) {
        return jdbc.sql("select * from team where id = ?").param(id).query(this::map).optional();
    }

    /** The team, locked until the transaction ends: its membership changes one at a time, in version order. */
    Optional<Team> lock(UUID id) {
        return jdbc.sql("select * from team where id = ? for no key update").param(id).query(this::map).optional();
    }

    boolean nameTaken(UUID organisationId, String name) {
        return jdbc.sql("select exists (select 1 from team where organisation_id = ? and name = ?)")
                .params(organisationId, name).query(Boolean.class).single();
    }

    void insert(Team t, String by) {
        jdbc.sql("insert into team (id, name, content, base, organisation_id, brand_project_id, lead_volunteer_id, "
                        + "join_policy, version, formed_at, formed_by) values (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)")
                .params(t.id(), t.name(), t.content(), t.base().name(), t.organisationId(), t.brandProjectId(),
                        t.leadVolunteerId(), t.joinPolicy().name(), Timestamp.from(t.formedAt()), by)
                .update();
        jdbc.sql("insert into team_member (team_id, volunteer_id, status, requested_at, decided_at, decided_by) "
                        + "values (?, ?, 'MEMBER', ?, ?, ?)")
                .params(t.id(), t.leadVolunteerId(), Timestamp.from(t.formedAt()), Timestamp.from(t.formedAt()), by)
                .update();
    }

    /** A volunteer asks to join or joins: a new row, or the one of an earlier decline or leave. */
    void request(UUID teamId, UUID volunteerId, Team.Status status, Instant at, String by) {
        jdbc.sql("insert into team_member (team_id, volunteer_id, status, requested_at, decided_at, decided_by) "
                        + "values (:t, :v, :s, :at, :decided, :by) on conflict (team_id, volunteer_id) do update "
                        + "set status = excluded.status, requested_at = excluded.requested_at, "
                        + "decided_at = excluded.decided_at, decided_by = excluded.decided_by, reason = null")
                .param("t", teamId).param("v", volunteerId).param("s", status.name()).param("at", Timestamp.from(at))
                .param("decided", status == Team.Status.PENDING ? null : Timestamp.from(at))
                .param("by", status == Team.Status.PENDING ? null : by)
                .update();
        bump(teamId);
    }

    /** Approval, decline, leave or removal of a member row. */
    void decide(UUID teamId, UUID volunteerId, Team.Status status, Instant at, String by, String reason) {
        jdbc.sql("update team_member set status = ?, decided_at = ?, decided_by = ?, reason = ? "
                        + "where team_id = ? and volunteer_id = ?")
                .params(status.name(), Timestamp.from(at), by, reason, teamId, volunteerId).update();
        bump(teamId);
    }

    private void bump(UUID teamId) {
        jdbc.sql("update team set version = version + 1 where id = ?").param(teamId).update();
    }

    /** Teams of the organisations, by name. */
    Page<Team> of(List<UUID> organisations, int page, int size) {
        long total = jdbc.sql("select count(*) from team where organisation_id in (:orgs)")
                .param("orgs", organisations).query(Long.class).single();
        List<Team> items = jdbc.sql("select * from team where organisation_id in (:orgs) "
                        + "order by name, id limit :size offset :offset")
                .param("orgs", organisations).param("size", size).param("offset", (long) page * size)
                .query(this::map).list();
        return Page.of(items, page, size, total);
    }

    private Team map(ResultSet rs, int i) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new Team(id, rs.getString("name"), rs.getString("content"), TeamBase.valueOf(rs.getString("base")),
                rs.getObject("organisation_id", UUID.class), rs.getObject("brand_project_id", UUID.class),
                rs.getObject("lead_volunteer_id", UUID.class), JoinPolicy.valueOf(rs.getString("join_policy")),
                rs.getLong("version"), rs.getTimestamp("formed_at").toInstant(), members(id));
    }

    private List<Team.Member> members(UUID teamId) {
        return jdbc.sql("select * from team_member where team_id = ? order by requested_at, volunteer_id")
                .param(teamId)
                .query((rs, i) -> new Team.Member(rs.getObject("volunteer_id", UUID.class),
                        Team.Status.valueOf(rs.getString("status")), rs.getTimestamp("requested_at").toInstant(),
                        rs.getTimestamp("decided_at") == null ? null : rs.getTimestamp("decided_at").toInstant(),
                        rs.getString("reason")))
                .list();
    }
}
