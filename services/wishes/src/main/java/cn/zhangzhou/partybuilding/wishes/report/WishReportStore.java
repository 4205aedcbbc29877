package cn.zhangzhou.partybuilding.wishes.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The report's reads: the history of the wishes of an organisation's subtree, and their claims. */
@Repository
class WishReportStore {

    private final JdbcClient jdbc;

    WishReportStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What happened to the wishes of the organisation's subtree from {@code from} (inclusive) to {@code to}.
     *
     * @param subtree the organisation and every organisation below it
     */
    ReportService.WishReport yearOf(UUID organisationId, List<UUID> subtree, int year, Instant from, Instant to) {
        String inYear = "with t as (select t.wish_id, t.transition, t.at, w.beneficiary_id, w.posted_at "
                + "from wish_transition t join wish w on w.id = t.wish_id "
                + "where w.community_id in (:subtree) and t.at >= :from and t.at < :to) ";
        return jdbc.sql(inYear + "select "
                        + "count(distinct wish_id) filter (where transition = 'POST') posted, "
                        + "count(distinct wish_id) filter (where transition = 'PUBLISH') published, "
                        + "count(distinct wish_id) filter (where transition = 'CLAIM') claimed, "
                        + "count(distinct wish_id) filter (where transition = 'FULFIL') fulfilled, "
                        + "count(distinct wish_id) filter (where transition = 'CONFIRM') confirmed, "
                        + "count(distinct wish_id) filter (where transition = 'RELEASE') released, "
                        + "count(distinct wish_id) filter (where transition = 'EXPIRE') expired, "
                        + "count(distinct beneficiary_id) filter (where transition = 'CONFIRM') helped, "
                        + "(select percentile_cont(0.5) within group (order by extract(epoch from first_claim - posted_at)"
                        + " / 86400) from (select min(at) first_claim, posted_at from t where transition = 'CLAIM'"
                        + " group by wish_id, posted_at) c) to_claim, "
                        + "(select percentile_cont(0.5) within group (order by extract(epoch from c.fulfilled_at"
                        + " - c.claimed_at) / 86400) from claim c join wish w on w.id = c.wish_id"
                        + " where w.community_id in (:subtree) and c.fulfilled_at >= :from and c.fulfilled_at < :to) to_fulfil "
                        + "from t")
                .param("subtree", subtree)
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, i) -> new ReportService.WishReport(organisationId, year, rs.getLong("posted"),
                        rs.getLong("published"), rs.getLong("claimed"), rs.getLong("fulfilled"),
                        rs.getLong("confirmed"), rs.getLong("released"), rs.getLong("expired"), rs.getLong("helped"),
                        rs.getObject("to_claim", Double.class), rs.getObject("to_fulfil", Double.class)))
                .single();
    }
}
