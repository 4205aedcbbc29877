package cn.zhangzhou.partybuilding.evaluation.guarantee;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Csv;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Guarantees (保障): the communities' funds and floors, certified social workers, the cadres' monthly pay sheets. */
@RestController
@Validated
class GuaranteeController {

    private static final String MONTH = "\\d{4}-(0[1-9]|1[0-2])";

    private final GuaranteeService service;

    GuaranteeController(GuaranteeService service) {
        this.service = service;
    }

    record FundEntryRequest(@NotNull UUID communityId, @NotNull @Min(2000) @Max(2100) Integer year,
                            @NotNull Funds.Kind fund, @NotNull Funds.EntryKind entry,
                            @NotNull @Min(1) @Max(1_000_000_000) Long amountYuan,
                            @NotBlank @Size(max = 200) String note) {
    }

    record CertificationRequest(@NotNull LocalDate certifiedOn) {
    }

    @PostMapping("/api/v1/funds")
    ResponseEntity<Funds> record(Caller caller, @Valid @RequestBody FundEntryRequest r) {
        return ResponseEntity.status(201).body(service.record(caller, r.communityId(), r.year(), r.fund(), r.entry(),
                r.amountYuan(), r.note().strip()));
    }

    @GetMapping("/api/v1/funds")
    Funds funds(Caller caller, @RequestParam UUID communityId, @RequestParam @Min(2000) @Max(2100) int year) {
        return service.funds(caller, communityId, year);
    }

    /** The communities inside the organisation under a fund's floor in the year. */
    @GetMapping("/api/v1/funds/below-floor")
    List<Funds.BelowFloor> belowFloor(Caller caller, @RequestParam UUID organisationId,
                                      @RequestParam @Min(2000) @Max(2100) int year) {
        return service.belowFloor(caller, organisationId, year);
    }

    @PutMapping("/api/v1/cadres/{memberId}/social-worker")
    ResponseEntity<Void> certify(Caller caller, @PathVariable UUID memberId,
                                 @Valid @RequestBody CertificationRequest r) {
        service.certify(caller, memberId, r.certifiedOn());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/pay-sheets")
    PaySheet paySheet(Caller caller, @RequestParam UUID communityId, @RequestParam @Pattern(regexp = MONTH) String month) {
        return service.paySheet(caller, communityId, YearMonth.parse(month));
    }

    /** The pay sheet as CSV (RFC 4180, UTF-8 with a byte-order mark), one line per cadre. */
    @GetMapping(value = "/api/v1/pay-sheets.csv", produces = "text/csv")
    ResponseEntity<byte[]> paySheetCsv(Caller caller, @RequestParam UUID communityId,
                                       @RequestParam @Pattern(regexp = MONTH) String month) {
        PaySheet sheet = service.paySheet(caller, communityId, YearMonth.parse(month));
        StringBuilder csv = new StringBuilder("month,community_id,member_id,role,base_percent,base_yuan,year_end_score,"
                + "award_yuan,allowance_yuan,total_yuan\r\n");
        for (PaySheet.Line l : sheet.lines()) {
            csv.append(String.join(",", Csv.field(sheet.month()), Csv.field(sheet.communityId().toString()),
                    Csv.field(l.memberId().toString()), Csv.field(l.role().name()), Integer.toString(l.basePercent()),
                    l.baseYuan().toPlainString(), l.yearEndScore() == null ? "" : l.yearEndScore().toPlainString(),
                    Integer.toString(l.awardYuan()), Integer.toString(l.allowanceYuan()),
                    l.totalYuan().toPlainString())).append("\r\n");
        }
        return Csv.attachment("pay-sheet-" + communityId + "-" + month + ".csv", csv);
    }
}
