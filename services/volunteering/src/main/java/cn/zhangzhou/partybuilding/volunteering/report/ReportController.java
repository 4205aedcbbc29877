package cn.zhangzhou.partybuilding.volunteering.report;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Csv;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Reports: a volunteer's year and service record (CSV); an organisation's, a campaign's and a brand project's. */
@RestController
@Validated
class ReportController {

    private final ReportService reports;

    ReportController(ReportService reports) {
        this.reports = reports;
    }

    @GetMapping("/api/v1/volunteers/{id}/report")
    ReportService.VolunteerYear year(Caller caller, @PathVariable UUID id,
                                     @RequestParam @Min(2000) @Max(2100) int year) {
        return reports.year(caller, id, year);
    }

    /**
     * The volunteer's service record as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read the
     * Chinese titles right): one line per approved entry, oldest first.
     */
    @GetMapping(value = "/api/v1/volunteers/{id}/service-record.csv", produces = "text/csv")
    ResponseEntity<byte[]> serviceRecord(Caller caller, @PathVariable UUID id) {
        List<ReportService.Line> lines = reports.serviceRecord(caller, id);
        StringBuilder csv = new StringBuilder("served_on,community_id,shift_kind,shift_id,title,category,"
                + "training,minutes,hours,source\r\n");
        for (ReportService.Line l : lines) {
            csv.append(String.join(",", l.servedOn().toString(), l.communityId().toString(), l.shiftKind(),
                    l.shiftId().toString(), Csv.field(l.title()), l.specialty() == null ? ReportService.GENERAL
                            : l.specialty(), Boolean.toString(l.training()), Integer.toString(l.minutes()),
                    Double.toString(ReportService.hours(l.minutes())), l.source())).append("\r\n");
        }
        return Csv.attachment("service-record-" + id + ".csv", csv);
    }

    @GetMapping("/api/v1/reports/volunteering")
    ReportService.OrganisationReport organisation(Caller caller, @RequestParam UUID organisationId,
                                                  @RequestParam LocalDate from, @RequestParam LocalDate to) {
        return reports.organisation(caller, organisationId, from, to);
    }

    @GetMapping("/api/v1/campaigns/{id}/report")
    ReportService.OrganisationReport campaign(Caller caller, @PathVariable UUID id,
                                              @RequestParam(required = false) UUID organisationId) {
        return reports.campaign(caller, id, organisationId);
    }

    @GetMapping("/api/v1/brand-projects/{id}/report")
    ReportService.ProjectReport project(Caller caller, @PathVariable UUID id, @RequestParam LocalDate from,
                                        @RequestParam LocalDate to) {
        return reports.project(caller, id, from, to);
    }
}
