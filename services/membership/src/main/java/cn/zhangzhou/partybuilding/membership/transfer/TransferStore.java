package cn.zhangzhou.partybuilding.membership.transfer;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.membership.transfer.Transfer.Direction;
import cn.zhangzhou.partybuilding.membership.transfer.Transfer.Status;
import cn.zhangzhou.partybuilding.support.web.Page;

/** The transfer table: this district's side of every transfer. */
@Repository
class TransferStore {

    private static final RowMapper<Transfer> MAPPER = (rs, i) -> {
        Timestamp decided = rs.getTimestamp("decided_at");
        java.sql.Array specialties = rs.getArray("specialties");
        return new Transfer(rs.getObject("id", UUID.class), Direction.valueOf(rs.getString("direction")),
                rs.getObject("member_id", UUID.class), rs.getString("from_district"),
                rs.getObject("from_organisation_id", UUID.class), rs.getString("to_district"),
                rs.getObject("to_organisation_id", UUID.class),
                rs.getString("category") == null ? null : MemberCategory.valueOf(rs.getString("category")),
                specialties == null ? List.of() : Arrays.asList((String[]) specialties.getArray()),
                Status.valueOf(rs.getString("status")), rs.getString("reason"), rs.getLong("version"),
                rs.getTimestamp("requested_at").toInstant(), decided == null ? null : decided.toInstant());
    };

    private final JdbcClient jdbc;

    TransferStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Transfer> lock(UUID id) {
        return jdbc.sql("select * from transfer where id = ? for update").param(id).query(MAPPER).optional();
    }

    Optional<Transfer> find(UUID id) {
        return jdbc.sql("select * from transfer where id = ?").param(id).query(MAPPER).optional();
    }

    void insert(Transfer t) {
        jdbc.sql("insert into transfer (id, direction, member_id, from_district, from_organisation_id, to_district, "
                        + "to_organisation_id, category, specialties, status, reason, version, decided_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing")
                .params(t.id(), t.direction().name(), t.memberId(), t.fromDistrict(), t.fromOrganisationId(),
                        t.toDistrict(), t.toOrganisationId(), t.category() == null ? null : t.category().name(),
                        t.specialties().toArray(String[]::new), t.status().name(), t.reason(), t.version(),
                        t.decidedAt() == null ? null : Timestamp.from(t.decidedAt()))
                .update();
    }

    void update(Transfer t) {
        jdbc.sql("update transfer set status = ?, reason = ?, version = ?, decided_at = ? where id = ?")
                .params(t.status().name(), t.reason(), t.version(),
                        t.decidedAt() == null ? null : Timestamp.from(t.decidedAt()), t.id())
                .update();
    }

    Page<Transfer> search(Direction direction, Status status, int page, int size) {
        String from = " from transfer where (cast(:direction as text) is null or direction = :direction)"
                + " and (cast(:status as text) is null or status = :status)";
        var params = new MapSqlParameterSource().addValue("direction", direction == null ? null : direction.name())
                .addValue("status", status == null ? null : status.name());
        long total = jdbc.sql("select count(*)" + from).paramSource(params).query(Long.class).single();
        var items = jdbc.sql("select *" + from + " order by requested_at desc, id limit :limit offset :offset")
                .paramSource(params.addValue("limit", size).addValue("offset", (long) page * size))
                .query(MAPPER).list();
        return Page.of(items, page, size, total);
    }
}
