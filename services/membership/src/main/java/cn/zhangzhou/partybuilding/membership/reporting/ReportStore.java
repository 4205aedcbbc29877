package cn.zhangzhou.partybuilding.membership.reporting;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.zhangzhou.partybuilding.membership.reporting.ReportingService.ReportElsewhere;
import cn.zhangzhou.partybuilding.support.web.Page;

/**
 * The dual reports: unit_report, member_report, and the home organisation's feedback: member_report_elsewhere (our
 * members' reports elsewhere) and member_service_elsewhere (the hours they served there).
 */
@Repository
public class ReportStore {

    private final JdbcClient jdbc;

    ReportStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the report unless the unit has a submitted or accepted one to the community (unit_report_open_uk). */
    boolean submit(UnitReport r) {
        return jdbc.sql("insert into unit_report (id, unit_organisation_id, community_id, status, version) "
                        + "values (?, ?, ?, ?, ?) on conflict do nothing")
                .params(r.id(), r.unitOrganisationId(), r.communityId(), r.status().name(), r.version())
                .update() == 1;
    }

    Optional<UnitReport> lockUnitReport(UUID id) {
        return jdbc.sql("select * from unit_report where id = ? for update").param(id)
                .query(UnitReport.class).optional();
    }

    /** The next number of the district's receipts (回执) for accepted unit reports. */
    long nextReceiptNumber() {
        return jdbc.sql("select nextval('unit_report_receipt_seq')").query(Long.class).single();
    }

    void decide(UnitReport r) {
        jdbc.sql("update unit_report set status = ?, receipt_number = ?, reason = ?, version = ?, decided_at = now() "
                        + "where id = ?")
                .params(r.status().name(), r.receiptNumber(), r.reason(), r.version(), r.id()).update();
    }

    Page<UnitReport> unitReports(UUID communityId, ReportStatus status, int page, int size) {
        return reportsOf("unit_report", UnitReport.class, communityId, status, page, size);
    }

    /** Inserts the report unless the member has a submitted or accepted one anywhere (member_report_open_uk). */
    boolean submit(MemberReport r) {
        return jdbc.sql("insert into member_report (id, member_id, member_district, home_organisation_id, "
                        + "community_id, status, version) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
                .params(r.id(), r.memberId(), r.memberDistrict(), r.homeOrganisationId(), r.communityId(),
                        r.status().name(), r.version())
                .update() == 1;
    }

    Optional<MemberReport> lockMemberReport(UUID id) {
        return jdbc.sql("select * from member_report where id = ? for update").param(id)
                .query(MemberReport.class).optional();
    }

    void decide(MemberReport r) {
        jdbc.sql("update member_report set status = ?, reason = ?, version = ?, decided_at = now() where id = ?")
                .params(r.status().name(), r.reason(), r.version(), r.id()).update();
    }

    Page<MemberReport> memberReports(UUID communityId, ReportStatus status, int page, int size) {
        return reportsOf("member_report", MemberReport.class, communityId, status, page, size);
    }

    List<ReportElsewhere> reportsElsewhere(UUID memberId) {
        return jdbc.sql("select * from member_report_elsewhere where member_id = ? order by updated_at desc")
                .param(memberId).query(ReportElsewhere.class).list();
    }

    /** Keeps the latest state another district told us of one of our members' reports (from its events). */
    public void recordElsewhere(String district, UUID reportId, UUID memberId, UUID communityId, ReportStatus status,
                                String reason) {
        jdbc.sql("insert into member_report_elsewhere (report_id, member_id, district, community_id, status, reason) "
                        + "values (?, ?, ?, ?, ?, ?) on conflict (report_id) do update set status = excluded.status, "
                        + "reason = excluded.reason, updated_at = now()")
                .params(reportId, memberId, district, communityId, status.name(), reason).update();
    }

    /** Records verified hours served in another district once; a redelivered event changes nothing. */
    public void recordHoursServedElsewhere(HoursServedElsewhere h) {
        jdbc.sql("insert into member_service_elsewhere (hours_id, member_id, district, community_id, minutes, "
                        + "served_on, training, specialty) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (hours_id) do nothing")
                .params(h.hoursId(), h.memberId(), h.district(), h.communityId(), h.minutes(), h.servedOn(),
                        h.training(), h.specialty()).update();
    }

    /** A member's service and training minutes elsewhere, per district (alphabetical). */
    List<ReportingService.DistrictHours> hoursElsewhereByDistrict(UUID memberId) {
        return jdbc.sql("select district, coalesce(sum(minutes) filter (where not training), 0) as service_minutes, "
                        + "coalesce(sum(minutes) filter (where training), 0) as training_minutes "
                        + "from member_service_elsewhere where member_id = ? group by district order by district")
                .param(memberId).query(ReportingService.DistrictHours.class).list();
    }

    /** One page of a member's hours elsewhere, the latest served first. */
    Page<HoursServedElsewhere> hoursServedElsewhere(UUID memberId, int page, int size) {
        long total = jdbc.sql("select count(*) from member_service_elsewhere where member_id = ?")
                .param(memberId).query(Long.class).single();
        List<HoursServedElsewhere> items = jdbc.sql("select * from member_service_elsewhere where member_id = ? "
                        + "order by served_on desc, hours_id limit ? offset ?")
                .params(memberId, size, (long) page * size).query(HoursServedElsewhere.class).list();
        return Page.of(items, page, size, total);
    }

    /** One page of a community's reports of one kind (newest first), optionally of one status. */
    private <R> Page<R> reportsOf(String table, Class<R> type, UUID communityId, ReportStatus status, int page,
                                  int size) {
        String from = " from " + table + " where community_id = :community"
                + " and (cast(:status as text) is null or status = :status)";
        var params = new MapSqlParameterSource().addValue("community", communityId)
                .addValue("status", status == null ? null : status.name());
        long total = jdbc.sql("select count(*)" + from).paramSource(params).query(Long.class).single();
        List<R> items = jdbc.sql("select *" + from + " order by submitted_at desc, id limit :limit offset :offset")
                .paramSource(params.addValue("limit", size).addValue("offset", (long) page * size)).query(type).list();
        return Page.of(items, page, size, total);
    }
}
