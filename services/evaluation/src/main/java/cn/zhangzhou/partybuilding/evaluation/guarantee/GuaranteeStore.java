package cn.zhangzhou.partybuilding.evaluation.guarantee;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Fund entries and certified social workers. */
@Repository
class GuaranteeStore {

    private final JdbcClient jdbc;

    GuaranteeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(UUID community, int year, Funds.Entry e) {
        jdbc.sql("insert into fund_entry (id, community_id, year, fund, entry, amount_yuan, note, recorded_by, "
                        + "recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.id(), community, year, e.fund().name(), e.entry().name(), e.amountYuan(), e.note(),
                        e.recordedBy(), Timestamp.from(e.recordedAt()))
                .update();
    }

    /** The community's entries of the year, in the order they were made. */
    List<Funds.Entry> entries(UUID community, int year) {
        return jdbc.sql("select * from fund_entry where community_id = ? and year = ? order by seq")
                .params(community, year)
                .query((rs, i) -> new Funds.Entry(rs.getObject("id", UUID.class), Funds.Kind.valueOf(rs.getString("fund")),
                        Funds.EntryKind.valueOf(rs.getString("entry")), rs.getLong("amount_yuan"), rs.getString("note"),
                        rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant()))
                .list();
    }

    /** Serialises the entries of one community's fund and year (a spending checks the balance). */
    void lock(UUID community, int year, Funds.Kind fund) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(? || ':' || ? || ':' || ?))")
                .params(community.toString(), year, fund.name()).query(Object.class).single();
    }

    /** The sum of the organisations' allocations of a fund in the year, by community (missing: none). */
    List<Funds.BelowFloor> belowFloor(List<UUID> communities, int year, Funds.Kind fund, long floor) {
        return jdbc.sql("select c.id, coalesce(sum(f.amount_yuan), 0) allocated from unnest(cast(:ids as uuid[])) c(id) "
                        + "left join fund_entry f on f.community_id = c.id and f.year = :year and f.fund = :fund "
                        + "and f.entry = 'ALLOCATION' group by c.id having coalesce(sum(f.amount_yuan), 0) < :floor "
                        + "order by c.id")
                .param("ids", communities.toArray(UUID[]::new)).param("year", year).param("fund", fund.name())
                .param("floor", floor)
                .query((rs, i) -> new Funds.BelowFloor(rs.getObject("id", UUID.class), fund, rs.getLong("allocated"),
                        floor))
                .list();
    }

    void certified(UUID member, LocalDate on, String by, Instant at) {
        jdbc.sql("insert into social_worker (member_id, certified_on, recorded_by, recorded_at) values (?, ?, ?, ?) "
                        + "on conflict (member_id) do update set certified_on = excluded.certified_on, "
                        + "recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at")
                .params(member, Date.valueOf(on), by, Timestamp.from(at)).update();
    }

    Optional<LocalDate> certifiedOn(UUID member) {
        return jdbc.sql("select certified_on from social_worker where member_id = ?").param(member)
                .query(LocalDate.class).optional();
    }
}
