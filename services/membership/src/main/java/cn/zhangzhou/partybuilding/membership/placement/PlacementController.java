package cn.zhangzhou.partybuilding.membership.placement;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.support.security.Caller;

@RestController
class PlacementController {

    private final PlacementService service;

    PlacementController(PlacementService service) {
        this.service = service;
    }

    /** {@code version}: absent for a first placement, the placement's version for a move. */
    record PlaceRequest(@NotNull UUID partyGroupId, @PositiveOrZero Long version) {
    }

    @PutMapping("/api/v1/placements/{memberId}")
    Placement place(Caller caller, @PathVariable UUID memberId, @Valid @RequestBody PlaceRequest request) {
        return service.place(caller, memberId, request.partyGroupId(), request.version());
    }

    @GetMapping("/api/v1/placements/{memberId}")
    Placement get(Caller caller, @PathVariable UUID memberId) {
        return service.get(caller, memberId);
    }

    @GetMapping("/api/v1/coverage/{organisationId}")
    PlacementService.Coverage coverage(Caller caller, @PathVariable UUID organisationId,
                                       @RequestParam(defaultValue = "0") @Min(0) int page,
                                       @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.coverage(caller, organisationId, page, size);
    }
}
