package cn.zhangzhou.partybuilding.membership.reporting;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.membership.reporting.ReportingService.ReportElsewhere;
import cn.zhangzhou.partybuilding.membership.reporting.ReportingService.ServiceElsewhere;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;

@RestController
class ReportingController {

    private final ReportingService service;

    ReportingController(ReportingService service) {
        this.service = service;
    }

    record UnitReportRequest(@NotNull UUID unitOrganisationId, @NotNull UUID communityId) {
    }

    /** {@code memberDistrict} is informative: the service knows which district holds the member. */
    record MemberReportRequest(@NotNull UUID memberId, @Size(max = 20) String memberDistrict,
                               @NotNull UUID communityId) {
    }

    record ReasonRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @PostMapping("/api/v1/unit-reports")
    ResponseEntity<UnitReport> submitUnitReport(Caller caller, @Valid @RequestBody UnitReportRequest request) {
        UnitReport report = service.submitUnitReport(caller, request.unitOrganisationId(), request.communityId());
        return ResponseEntity.created(URI.create("/api/v1/unit-reports/" + report.id())).body(report);
    }

    @PostMapping("/api/v1/unit-reports/{id}/accept")
    UnitReport acceptUnitReport(Caller caller, @PathVariable UUID id) {
        return service.acceptUnitReport(caller, id);
    }

    @PostMapping("/api/v1/unit-reports/{id}/decline")
    UnitReport declineUnitReport(Caller caller, @PathVariable UUID id, @Valid @RequestBody ReasonRequest request) {
        return service.declineUnitReport(caller, id, request.reason().strip());
    }

    @GetMapping("/api/v1/unit-reports")
    Page<UnitReport> unitReports(Caller caller, @RequestParam UUID communityId,
                                 @RequestParam(required = false) ReportStatus status,
                                 @RequestParam(defaultValue = "0") @Min(0) int page,
                                 @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.unitReports(caller, communityId, status, page, size);
    }

    @PostMapping("/api/v1/member-reports")
    ResponseEntity<MemberReport> submitMemberReport(Caller caller, @Valid @RequestBody MemberReportRequest request) {
        MemberReport report = service.submitMemberReport(caller, request.memberId(), request.communityId());
        return ResponseEntity.created(URI.create("/api/v1/member-reports/" + report.id())).body(report);
    }

    @PostMapping("/api/v1/member-reports/{id}/accept")
    MemberReport acceptMemberReport(Caller caller, @PathVariable UUID id) {
        return service.acceptMemberReport(caller, id);
    }

    @PostMapping("/api/v1/member-reports/{id}/decline")
    MemberReport declineMemberReport(Caller caller, @PathVariable UUID id, @Valid @RequestBody ReasonRequest request) {
        return service.declineMemberReport(caller, id, request.reason().strip());
    }

    @PostMapping("/api/v1/member-reports/{id}/withdraw")
    MemberReport withdrawMemberReport(Caller caller, @PathVariable UUID id) {
        return service.withdrawMemberReport(caller, id);
    }

    @GetMapping("/api/v1/member-reports")
    Page<MemberReport> memberReports(Caller caller, @RequestParam UUID communityId,
                                     @RequestParam(required = false) ReportStatus status,
                                     @RequestParam(defaultValue = "0") @Min(0) int page,
                                     @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.memberReports(caller, communityId, status, page, size);
    }

    @GetMapping("/api/v1/members/{memberId}/reports-elsewhere")
    List<ReportElsewhere> reportsElsewhere(Caller caller, @PathVariable UUID memberId) {
        return service.reportsElsewhere(caller, memberId);
    }

    /** Hours the member served in other districts' communities, verified there (双报到 feedback). */
    @GetMapping("/api/v1/members/{memberId}/service-elsewhere")
    ServiceElsewhere serviceElsewhere(Caller caller, @PathVariable UUID memberId,
                                      @RequestParam(defaultValue = "0") @Min(0) int page,
                                      @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.serviceElsewhere(caller, memberId, page, size);
    }
}
