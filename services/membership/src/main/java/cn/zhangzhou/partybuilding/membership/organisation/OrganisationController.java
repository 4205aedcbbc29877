package cn.zhangzhou.partybuilding.membership.organisation;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.membership.organisation.OrganisationService.SubtreeNode;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;

@RestController
@RequestMapping("/api/v1/organisations")
class OrganisationController {

    private final OrganisationService service;

    OrganisationController(OrganisationService service) {
        this.service = service;
    }

    record CreateRequest(
            @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9-]+", message = "letters, digits and '-' only") String code,
            @NotBlank @Size(max = 100) String name,
            @NotNull OrganisationType type,
            UUID parentId) {
    }

    record RenameRequest(@NotBlank @Size(max = 100) String name, @NotNull @PositiveOrZero Long version) {
    }

    record MoveRequest(@NotNull UUID parentId, @NotNull @PositiveOrZero Long version) {
    }

    record VersionRequest(@NotNull @PositiveOrZero Long version) {
    }

    @PostMapping
    ResponseEntity<Organisation> create(Caller caller, @Valid @RequestBody CreateRequest request) {
        Organisation created = service.create(caller, request.code(), request.name().strip(), request.type(),
                request.parentId());
        return ResponseEntity.created(URI.create("/api/v1/organisations/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    Organisation get(Caller caller, @PathVariable UUID id) {
        return service.find(caller, id);
    }

    @GetMapping
    Page<Organisation> search(Caller caller,
                              @RequestParam(required = false) OrganisationType type,
                              @RequestParam(required = false) UUID parentId,
                              @RequestParam(required = false) @Size(max = 100) String q,
                              @RequestParam(required = false) Boolean active,
                              @RequestParam(defaultValue = "0") @Min(0) int page,
                              @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.search(caller, type, parentId, q, active, page, size);
    }

    @PostMapping("/{id}/rename")
    Organisation rename(Caller caller, @PathVariable UUID id, @Valid @RequestBody RenameRequest request) {
        return service.rename(caller, id, request.name().strip(), request.version());
    }

    @PostMapping("/{id}/move")
    Organisation move(Caller caller, @PathVariable UUID id, @Valid @RequestBody MoveRequest request) {
        return service.move(caller, id, request.parentId(), request.version());
    }

    @PostMapping("/{id}/deactivate")
    Organisation deactivate(Caller caller, @PathVariable UUID id, @Valid @RequestBody VersionRequest request) {
        return service.deactivate(caller, id, request.version());
    }

    @GetMapping("/{id}/subtree")
    SubtreeNode subtree(Caller caller, @PathVariable UUID id,
                        @RequestParam(defaultValue = "1") @Min(0) @Max(6) int depth) {
        return service.subtree(caller, id, depth);
    }
}
