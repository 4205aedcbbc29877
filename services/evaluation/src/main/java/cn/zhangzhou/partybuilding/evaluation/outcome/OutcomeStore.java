package cn.zhangzhou.partybuilding.evaluation.outcome;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.zhangzhou.partybuilding.events.membership.CadreRole;
import cn.zhangzhou.partybuilding.messaging.BatchedWrites;

/** The verified outcomes, the posted wishes and the two committees' cadres, as the district's events told them. */
@Repository
public class OutcomeStore {

    /** One outcome: its kind, the id an explanation cites (hours entry, wish, report, target) and its quantity. */
    record Outcome(OutcomeKind kind, UUID source, int quantity) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    OutcomeStore(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /**
     * The writes of one poll's events, to {@link BatchedWrites#flush()} before its transaction commits: the outcome,
     * wish and cadre tables reference none of each other's rows, so they may run table by table.
     */
    BatchedWrites writes() {
        return new BatchedWrites(batches);
    }

    void record(BatchedWrites writes, UUID eventId, OutcomeKind kind, UUID source, UUID organisation, int year,
                int quantity) {
        writes.add("outcome", """
                insert into outcome (kind, source_id, event_id, organisation_id, year, quantity)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing
                """, kind.name(), source, eventId, organisation, year, quantity);
    }

    void wishPosted(BatchedWrites writes, UUID wish, UUID community) {
        writes.add("wish", "insert into wish (wish_id, community_id) values (?, ?) on conflict do nothing",
                wish, community);
    }

    /** The member's cadre role (两委) and home organisation; none (null role): not a cadre (any more). */
    void cadre(BatchedWrites writes, UUID member, UUID organisation, CadreRole role) {
        if (role == null) {
            writes.add("cadre", "delete from cadre where member_id = ?", member);
        } else {
            writes.add("cadre", """
                    insert into cadre (member_id, organisation_id, role) values (?, ?, ?) on conflict (member_id)
                    do update set organisation_id = excluded.organisation_id, role = excluded.role
                    """, member, organisation, role.name());
        }
    }

    /** A snapshot of the member's attributes: their role changes, their organisation stays. */
    void cadreRole(BatchedWrites writes, UUID member, CadreRole role) {
        if (role == null) {
            cadre(writes, member, null, null);
        } else {
            writes.add("cadre", "update cadre set role = ? where member_id = ?", role.name(), member);
        }
    }

    void cadreMoved(BatchedWrites writes, UUID member, UUID organisation) {
        writes.add("cadre", "update cadre set organisation_id = ? where member_id = ?", organisation, member);
    }

    /** A cadre of a community's two committees (两委): its head (主干) is the community's secretary. */
    public record Cadre(UUID memberId, UUID organisationId, CadreRole role) {
    }

    /** The member as a cadre of this district, if they are one. */
    public Optional<Cadre> cadre(UUID member) {
        return jdbc.sql("select member_id, organisation_id, role from cadre where member_id = ?").param(member)
                .query((rs, i) -> new Cadre(member, rs.getObject("organisation_id", UUID.class),
                        CadreRole.valueOf(rs.getString("role"))))
                .optional();
    }

    /** The cadres whose membership the organisations hold, by organisation, role and member. */
    public List<Cadre> cadresOf(List<UUID> organisations) {
        return jdbc.sql("select member_id, organisation_id, role from cadre where organisation_id in (:orgs) "
                        + "order by organisation_id, role, member_id")
                .param("orgs", organisations)
                .query((rs, i) -> new Cadre(rs.getObject("member_id", UUID.class),
                        rs.getObject("organisation_id", UUID.class), CadreRole.valueOf(rs.getString("role"))))
                .list();
    }

    /** The community whose needs menu the wish was posted on, if its WishPosted has arrived. */
    public Optional<UUID> communityOfWish(UUID wish) {
        return jdbc.sql("select community_id from wish where wish_id = ?").param(wish).query(UUID.class).optional();
    }

    /** The outcomes of the organisations in the year, in a stable order (kind, source). */
    List<Outcome> of(List<UUID> organisations, int year) {
        return jdbc.sql("select kind, source_id, quantity from outcome where organisation_id in (:orgs) "
                        + "and year = :year order by kind, source_id")
                .param("orgs", organisations).param("year", year)
                .query((rs, i) -> new Outcome(OutcomeKind.valueOf(rs.getString("kind")),
                        rs.getObject("source_id", UUID.class), rs.getInt("quantity")))
                .list();
    }
}
