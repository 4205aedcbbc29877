package cn.zhangzhou.partybuilding.volunteering.campaign;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.events.volunteering.CampaignKind;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Campaigns (党建联动月, 党员微服务); their report is {@code GET /api/v1/campaigns/{id}/report}. */
@RestController
@Validated
class CampaignController {

    private final CampaignService service;

    CampaignController(CampaignService service) {
        this.service = service;
    }

    record LaunchCampaignRequest(@NotNull UUID organisationId, @NotNull CampaignKind kind,
                         @NotBlank @Size(max = 100) String name, @NotNull LocalDate startsOn,
                         @NotNull LocalDate endsOn) {
    }

    @PostMapping("/api/v1/campaigns")
    ResponseEntity<Campaign> launch(Caller caller, @Valid @RequestBody LaunchCampaignRequest r) {
        Campaign c = service.launch(caller, r.organisationId(), r.kind(), r.name().strip(), r.startsOn(), r.endsOn());
        return ResponseEntity.created(URI.create("/api/v1/campaigns/" + c.id())).body(c);
    }

    @GetMapping("/api/v1/campaigns/{id}")
    Campaign get(Caller caller, @PathVariable UUID id) {
        return service.get(caller, id);
    }

    @GetMapping("/api/v1/campaigns")
    Page<Campaign> list(Caller caller, @RequestParam UUID organisationId,
                        @RequestParam(defaultValue = "0") @Min(0) int page,
                        @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.list(caller, organisationId, page, size);
    }
}
