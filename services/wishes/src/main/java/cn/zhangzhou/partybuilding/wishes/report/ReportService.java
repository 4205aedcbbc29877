package cn.zhangzhou.partybuilding.wishes.report;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.springframework.stereotype.Service;

import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.directory.MembershipDirectory;
import cn.zhangzhou.partybuilding.wishes.scope.AccessPolicy;

/** The yearly wishes report of a community, a street or the district, for staff whose scope covers it. */
@Service
class ReportService {

    /**
     * What happened in the year: how many wishes reached each state (a wish claimed in one year and confirmed in
     * the next counts in each year for what happened in it).
     *
     * @param expired                     wishes whose round (轮次) ended unclaimed in the year
     * @param distinctBeneficiariesHelped people (受助群众) whose wishes were confirmed in the year, each once
     * @param medianDaysPostToClaim       over wishes first claimed in the year: posting to that claim; null if none
     * @param medianDaysClaimToFulfil     over claims fulfilled in the year: claim to fulfilment; null if none
     */
    record WishReport(UUID organisationId, int year, long posted, long published, long claimed, long fulfilled,
                      long confirmed, long released, long expired, long distinctBeneficiariesHelped,
                      Double medianDaysPostToClaim, Double medianDaysClaimToFulfil) {
    }

    /** Years are calendar years in China's time zone: a wish confirmed on 31 December 23:30 Beijing time counts. */
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final WishReportStore reports;
    private final AccessPolicy access;
    private final MembershipDirectory directory;

    ReportService(WishReportStore reports, AccessPolicy access, MembershipDirectory directory) {
        this.reports = reports;
        this.access = access;
        this.directory = directory;
    }

    WishReport yearOf(Caller caller, UUID organisationId, int year) {
        if (!access.isStaff(caller)) {
            throw new ForbiddenException("reports are for staff");
        }
        directory.organisation(organisationId).orElseThrow(() -> NotFoundException.of("organisation", organisationId));
        if (!access.isDistrictWide(caller) && !directory.isWithin(organisationId, caller.org())) {
            throw new ForbiddenException("organisation " + organisationId + " is outside your scope");
        }
        return reports.yearOf(organisationId, directory.subtree(organisationId), year,
                LocalDate.of(year, 1, 1).atStartOfDay(CHINA).toInstant(),
                LocalDate.of(year + 1, 1, 1).atStartOfDay(CHINA).toInstant());
    }
}
