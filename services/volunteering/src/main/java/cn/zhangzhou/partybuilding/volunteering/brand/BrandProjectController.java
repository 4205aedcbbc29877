package cn.zhangzhou.partybuilding.volunteering.brand;

import java.net.URI;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Brand projects (一社区一品牌) and their service records; the totals are {@code GET /brand-projects/{id}/report}. */
@RestController
@Validated
class BrandProjectController {

    private final BrandProjectService service;

    BrandProjectController(BrandProjectService service) {
        this.service = service;
    }

    record LaunchProjectRequest(@NotNull UUID organisationId, @NotBlank @Size(max = 100) String name,
                         @NotNull @Size(max = 500) String description) {
    }

    record RecordRequest(@NotBlank @Size(max = 40) String type, @NotNull @Min(1) @Max(100000) Integer quantity,
                         @NotNull LocalDate occurredOn, @Size(max = 100) String subject, @Size(max = 500) String note,
                         UUID campaignId) {
    }

    /** The district's list of service and outcome types (code → label). */
    @GetMapping("/api/v1/outcome-types")
    Map<String, String> outcomeTypes() {
        return service.outcomeTypes();
    }

    @PostMapping("/api/v1/brand-projects")
    ResponseEntity<BrandProject> launch(Caller caller, @Valid @RequestBody LaunchProjectRequest r) {
        BrandProject p = service.launch(caller, r.organisationId(), r.name().strip(), r.description().strip());
        return ResponseEntity.created(URI.create("/api/v1/brand-projects/" + p.id())).body(p);
    }

    @GetMapping("/api/v1/brand-projects/{id}")
    BrandProject get(Caller caller, @PathVariable UUID id) {
        return service.get(caller, id);
    }

    @GetMapping("/api/v1/brand-projects")
    Page<BrandProject> list(Caller caller, @RequestParam UUID organisationId,
                            @RequestParam(defaultValue = "0") @Min(0) int page,
                            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.list(caller, organisationId, page, size);
    }

    @PostMapping("/api/v1/brand-projects/{id}/records")
    ResponseEntity<BrandProject.ServiceRecord> record(Caller caller, @PathVariable UUID id,
                                                      @Valid @RequestBody RecordRequest r) {
        BrandProject.ServiceRecord record = service.record(caller, id, r.type().strip(), r.quantity(), r.occurredOn(),
                r.subject() == null ? null : r.subject().strip(), r.note() == null ? null : r.note().strip(),
                r.campaignId());
        return ResponseEntity.created(URI.create("/api/v1/brand-projects/" + id + "/records")).body(record);
    }

    @GetMapping("/api/v1/brand-projects/{id}/records")
    Page<BrandProject.ServiceRecord> records(Caller caller, @PathVariable UUID id,
                                             @RequestParam(defaultValue = "0") @Min(0) int page,
                                             @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.records(caller, id, page, size);
    }
}
