package cn.zhangzhou.partybuilding.volunteering.report;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.zhangzhou.partybuilding.volunteering.VolunteeringProperties;

/**
 * The reports' reads. Hours count only when APPROVED, by the day served; posts by the day published, activities by
 * the day they start; service records by their day. Days are China's.
 */
@Repository
class ReportStore {

    /** Minutes of one month, or of one category, of a volunteer or an organisation. */
    record Minutes(String key, long service, long training) {
    }

    /** The counts of an organisation's report, before labels and hours are added. */
    record Counts(long activeVolunteers, long serviceMinutes, long trainingMinutes, long postsPublished,
                  long postClaims, long postsFilled, long activitiesHeld, long activitySignUps, long trainingsHeld,
                  long trainingAttendances) {
    }

    /** Quantity of one type of service or outcome. */
    record Outcome(String type, long quantity, long records) {
    }

    private static final String APPROVED = "status = 'APPROVED' and served_on between :from and :to";

    private final JdbcClient jdbc;

    ReportStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A volunteer's approved minutes by month (1–12) of the year. */
    List<Minutes> byMonth(UUID volunteerId, LocalDate from, LocalDate to) {
        return minutes("cast(extract(month from served_on) as int)", volunteerId, from, to);
    }

    /** A volunteer's approved minutes by category (the specialty served; null: general service). */
    List<Minutes> byCategory(UUID volunteerId, LocalDate from, LocalDate to) {
        return minutes("specialty", volunteerId, from, to);
    }

    private List<Minutes> minutes(String key, UUID volunteerId, LocalDate from, LocalDate to) {
        return jdbc.sql("select " + key + " k, sum(minutes) filter (where not training) service, "
                        + "sum(minutes) filter (where training) training from hours where volunteer_id = :v and "
                        + APPROVED + " group by 1 order by 1 nulls last")
                .param("v", volunteerId).param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
                .query((rs, i) -> new Minutes(rs.getString("k"), rs.getLong("service"), rs.getLong("training")))
                .list();
    }

    /** Every approved entry of the volunteer, oldest first, with the title of the post or activity. */
    List<ReportService.Line> serviceRecord(UUID volunteerId) {
        return jdbc.sql("select h.*, coalesce(p.title, a.title) title from hours h "
                        + "left join post p on h.shift_kind = 'POST' and p.id = h.shift_id "
                        + "left join activity a on h.shift_kind = 'ACTIVITY' and a.id = h.shift_id "
                        + "where h.volunteer_id = ? and h.status = 'APPROVED' order by h.served_on, h.id")
                .param(volunteerId)
                .query((rs, i) -> new ReportService.Line(rs.getDate("served_on").toLocalDate(),
                        rs.getObject("community_id", UUID.class), rs.getString("shift_kind"),
                        rs.getObject("shift_id", UUID.class), rs.getString("title"), rs.getString("specialty"),
                        rs.getBoolean("training"), rs.getInt("minutes"), rs.getString("source")))
                .list();
    }

    /** What the communities among {@code within} did from {@code from} to {@code to}; of one campaign if given. */
    Counts counts(List<UUID> within, LocalDate from, LocalDate to, UUID campaignId) {
        String campaign = campaignId == null ? "" : " and campaign_id = :campaign";
        String hours = "from hours where community_id in (:within) and " + APPROVED + campaign;
        String posts = "from post where community_id in (:within) and published_at >= :start and published_at < :end"
                + campaign;
        String activities = "from activity where community_id in (:within) and status = 'SCHEDULED' "
                + "and starts_at >= :start and starts_at < :end" + campaign;
        return jdbc.sql("select "
                        + "(select count(distinct volunteer_id) " + hours + " and not training) active, "
                        + "(select coalesce(sum(minutes), 0) " + hours + " and not training) service, "
                        + "(select coalesce(sum(minutes), 0) " + hours + " and training) training, "
                        + "(select count(*) " + posts + ") posts, "
                        + "(select count(*) from post_claim c where c.post_id in (select id " + posts + ")) claims, "
                        + "(select count(*) " + posts + " and capacity <= (select count(*) from post_claim c "
                        + "where c.post_id = post.id and c.status = 'ACTIVE')) filled, "
                        + "(select count(*) " + activities + " and kind = 'SERVICE') held, "
                        + "(select count(*) from sign_up s where s.status = 'CONFIRMED' and s.activity_id in "
                        + "(select id " + activities + " and kind = 'SERVICE')) sign_ups, "
                        + "(select count(*) " + activities + " and kind = 'TRAINING') trainings, "
                        + "(select count(distinct (volunteer_id, shift_id)) " + hours + " and training) attendances")
                .params(params(within, from, to, campaignId))
                .query((rs, i) -> new Counts(rs.getLong("active"), rs.getLong("service"), rs.getLong("training"),
                        rs.getLong("posts"), rs.getLong("claims"), rs.getLong("filled"), rs.getLong("held"),
                        rs.getLong("sign_ups"), rs.getLong("trainings"), rs.getLong("attendances")))
                .single();
    }

    /** Approved service minutes of the communities by category. */
    List<Minutes> byCategory(List<UUID> within, LocalDate from, LocalDate to, UUID campaignId) {
        return jdbc.sql("select specialty k, sum(minutes) filter (where not training) service, "
                        + "sum(minutes) filter (where training) training from hours where community_id in (:within) and "
                        + APPROVED + (campaignId == null ? "" : " and campaign_id = :campaign")
                        + " group by 1 order by 1 nulls last")
                .params(params(within, from, to, campaignId))
                .query((rs, i) -> new Minutes(rs.getString("k"), rs.getLong("service"), rs.getLong("training")))
                .list();
    }

    /** Services and outcomes recorded by brand projects of the organisations (or by one project), by type. */
    List<Outcome> outcomes(List<UUID> within, UUID projectId, LocalDate from, LocalDate to, UUID campaignId) {
        return jdbc.sql("select r.type, sum(r.quantity) quantity, count(*) records from service_record r "
                        + "join brand_project p on p.id = r.project_id where r.occurred_on between :from and :to"
                        + (within == null ? " and p.id = :project" : " and p.organisation_id in (:within)")
                        + (campaignId == null ? "" : " and r.campaign_id = :campaign")
                        + " group by r.type order by r.type")
                .params(params(within, from, to, campaignId)).param("project", projectId)
                .query((rs, i) -> new Outcome(rs.getString("type"), rs.getLong("quantity"), rs.getLong("records")))
                .list();
    }

    private static Map<String, Object> params(List<UUID> within, LocalDate from, LocalDate to, UUID campaignId) {
        Map<String, Object> params = new HashMap<>();
        params.put("within", within);
        params.put("from", Date.valueOf(from));
        params.put("to", Date.valueOf(to));
        params.put("start", Timestamp.from(from.atStartOfDay(VolunteeringProperties.CHINA).toInstant()));
        params.put("end", Timestamp.from(to.plusDays(1).atStartOfDay(VolunteeringProperties.CHINA).toInstant()));
        params.put("campaign", campaignId);
        return params;
    }
}
