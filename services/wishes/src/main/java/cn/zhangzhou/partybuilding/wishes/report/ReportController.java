package cn.zhangzhou.partybuilding.wishes.report;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.wishes.directory.Directory;
import cn.zhangzhou.partybuilding.wishes.scope.AccessPolicy;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The yearly wishes report (微心愿年度统计) of a community, a street or the district: how many wishes reached
 * each state in the year, read from the history table (so a wish claimed in one year and confirmed in the
 * next counts in each year for what happened in it).
 */
@RestController
@Validated
public class ReportController {

    /** Years are calendar years in China's time zone: a wish confirmed on 31 December 23:30 Beijing time counts. */
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /**
     * @param expired                     wishes whose round (轮次) ended unclaimed in the year
     * @param distinctBeneficiariesHelped people (受助群众) whose wishes were confirmed in the year, each once
     * @param medianDaysPostToClaim       over wishes first claimed in the year: posting to that claim; null if none
     * @param medianDaysClaimToFulfil     over claims fulfilled in the year: claim to fulfilment; null if none
     */
    public record WishReport(UUID organisationId, int year, long posted, long published, long claimed,
                             long fulfilled, long confirmed, long released, long expired,
                             long distinctBeneficiariesHelped,
                             Double medianDaysPostToClaim, Double medianDaysClaimToFulfil) {
    }

    private final JdbcClient jdbc;
    private final AccessPolicy access;
    private final Directory directory;

    public ReportController(JdbcClient jdbc, AccessPolicy access, Directory directory) {
        this.jdbc = jdbc;
        this.access = access;
        this.directory = directory;
    }

    @GetMapping("/api/v1/reports/wishes")
    public WishReport report(Caller caller, @RequestParam UUID organisationId,
                             @RequestParam @Min(2000) @Max(2100) int year) {
        if (!access.isStaff(caller)) {
            throw new ForbiddenException("reports are for staff");
        }
        var organisation = directory.organisation(organisationId)
                .orElseThrow(() -> NotFoundException.of("organisation", organisationId));
        if (!access.isDistrictWide(caller) && !organisation.isWithin(caller.org())) {
            throw new ForbiddenException("organisation " + organisationId + " is outside your scope");
        }
        Timestamp from = Timestamp.from(LocalDate.of(year, 1, 1).atStartOfDay(CHINA).toInstant());
        Timestamp to = Timestamp.from(LocalDate.of(year + 1, 1, 1).atStartOfDay(CHINA).toInstant());
        String subtree = "%/" + organisationId + "/%";
        String inYear = "with t as (select t.wish_id, t.transition, t.at, w.beneficiary_id, w.posted_at "
                + "from wish_transition t join wish w on w.id = t.wish_id "
                + "join organisation o on o.id = w.community_id and o.path like :subtree "
                + "where t.at >= :from and t.at < :to) ";
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
                        + " join organisation o on o.id = w.community_id and o.path like :subtree"
                        + " where c.fulfilled_at >= :from and c.fulfilled_at < :to) to_fulfil "
                        + "from t")
                .param("subtree", subtree).param("from", from).param("to", to)
                .query((rs, i) -> new WishReport(organisationId, year, rs.getLong("posted"), rs.getLong("published"),
                        rs.getLong("claimed"), rs.getLong("fulfilled"), rs.getLong("confirmed"),
                        rs.getLong("released"), rs.getLong("expired"), rs.getLong("helped"), rs.getObject("to_claim", Double.class),
                        rs.getObject("to_fulfil", Double.class)))
                .single();
    }
}
