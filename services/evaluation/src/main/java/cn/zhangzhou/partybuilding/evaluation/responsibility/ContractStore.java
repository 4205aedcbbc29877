package cn.zhangzhou.partybuilding.evaluation.responsibility;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Responsibility contracts and the projects they list. */
@Repository
class ContractStore {

    /** A contract row; its projects are read through the project feature. */
    record Row(UUID id, int year, UUID issuerId, UUID organisationId, UUID secretaryId, List<UUID> projectIds,
               ResponsibilityContract.Status status, String issuedBy, Instant issuedAt, String signedBy,
               Instant signedAt, long version) {
    }

    private final JdbcClient jdbc;

    ContractStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the organisation already has a contract for the year */
    boolean insert(Row c) {
        boolean inserted = jdbc.sql("insert into responsibility_contract (id, year, issuer_id, organisation_id, "
                        + "secretary_id, status, version, issued_at, issued_by) values (?, ?, ?, ?, ?, 'ISSUED', 1, ?, ?) "
                        + "on conflict (year, organisation_id) do nothing")
                .params(c.id(), c.year(), c.issuerId(), c.organisationId(), c.secretaryId(),
                        Timestamp.from(c.issuedAt()), c.issuedBy())
                .update() == 1;
        if (inserted) {
            for (UUID project : c.projectIds()) {
                jdbc.sql("insert into contract_project (contract_id, project_id) values (?, ?)")
                        .params(c.id(), project).update();
            }
        }
        return inserted;
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("select * from responsibility_contract where id = ?").param(id).query(this::map).optional();
    }

    Optional<Row> lock(UUID id) {
        return jdbc.sql("select * from responsibility_contract where id = ? for no key update").param(id)
                .query(this::map).optional();
    }

    long signed(UUID id, String by, Instant at) {
        return jdbc.sql("update responsibility_contract set status = 'SIGNED', signed_by = ?, signed_at = ?, "
                        + "version = version + 1 where id = ? returning version")
                .params(by, Timestamp.from(at), id).query(Long.class).single();
    }

    /** The contracts of the organisations in the year. */
    List<Row> of(List<UUID> organisations, int year) {
        return jdbc.sql("select * from responsibility_contract where organisation_id in (:orgs) and year = :year "
                        + "order by organisation_id")
                .param("orgs", organisations).param("year", year).query(this::map).list();
    }

    private Row map(ResultSet rs, int i) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Timestamp signedAt = rs.getTimestamp("signed_at");
        return new Row(id, rs.getInt("year"), rs.getObject("issuer_id", UUID.class),
                rs.getObject("organisation_id", UUID.class), rs.getObject("secretary_id", UUID.class),
                jdbc.sql("select project_id from contract_project where contract_id = ? order by project_id")
                        .param(id).query(UUID.class).list(),
                ResponsibilityContract.Status.valueOf(rs.getString("status")), rs.getString("issued_by"),
                rs.getTimestamp("issued_at").toInstant(), rs.getString("signed_by"),
                signedAt == null ? null : signedAt.toInstant(), rs.getLong("version"));
    }
}
