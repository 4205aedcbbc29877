package cn.zhangzhou.partybuilding.evaluation.responsibility;

import java.net.URI;
import java.util.List;
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
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Responsibility contracts (责任状) and the secretaries who lead no community project. */
@RestController
@Validated
class ContractController {

    private final ContractService service;

    ContractController(ContractService service) {
        this.service = service;
    }

    record IssueContractRequest(@NotNull @Min(2000) @Max(2100) Integer year, @NotNull UUID organisationId,
                                @NotNull UUID secretaryId, @NotNull @Size(max = 100) List<@NotNull UUID> projectIds) {
    }

    record SignRequest(@NotNull Long version) {
    }

    @PostMapping("/api/v1/contracts")
    ResponseEntity<ResponsibilityContract> issue(Caller caller, @Valid @RequestBody IssueContractRequest r) {
        ResponsibilityContract c = service.issue(caller, r.year(), r.organisationId(), r.secretaryId(),
                r.projectIds().stream().distinct().toList());
        return ResponseEntity.created(URI.create("/api/v1/contracts/" + c.id())).body(c);
    }

    @GetMapping("/api/v1/contracts/{id}")
    ResponsibilityContract get(Caller caller, @PathVariable UUID id) {
        return service.get(caller, id);
    }

    @GetMapping("/api/v1/contracts")
    List<ResponsibilityContract> list(Caller caller, @RequestParam UUID organisationId,
                                      @RequestParam @Min(2000) @Max(2100) int year) {
        return service.list(caller, organisationId, year);
    }

    @PostMapping("/api/v1/contracts/{id}/sign")
    ResponsibilityContract sign(Caller caller, @PathVariable UUID id, @Valid @RequestBody SignRequest r) {
        return service.sign(caller, id, r.version());
    }

    /** The committee secretaries inside the organisation who lead no community project in the year. */
    @GetMapping("/api/v1/secretaries/without-project")
    List<ContractService.Secretary> withoutProject(Caller caller, @RequestParam UUID organisationId,
                                                   @RequestParam @Min(2000) @Max(2100) int year) {
        return service.withoutProject(caller, organisationId, year);
    }
}
