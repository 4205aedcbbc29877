package cn.zhangzhou.partybuilding.wishes.report;

import java.util.UUID;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.support.security.Caller;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The yearly wishes report (微心愿年度统计) of a community, a street or the district. */
@RestController
@Validated
class ReportController {

    private final ReportService reports;

    ReportController(ReportService reports) {
        this.reports = reports;
    }

    @GetMapping("/api/v1/reports/wishes")
    ReportService.WishReport report(Caller caller, @RequestParam UUID organisationId,
                                    @RequestParam @Min(2000) @Max(2100) int year) {
        return reports.yearOf(caller, organisationId, year);
    }
}
