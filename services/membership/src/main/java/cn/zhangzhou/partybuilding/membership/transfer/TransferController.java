package cn.zhangzhou.partybuilding.membership.transfer;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.membership.transfer.Transfer.Direction;
import cn.zhangzhou.partybuilding.membership.transfer.Transfer.Status;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;

@RestController
class TransferController {

    private final TransferService service;

    TransferController(TransferService service) {
        this.service = service;
    }

    record TransferRequest(@NotBlank @Size(max = 20) String toDistrict, @NotNull UUID toOrganisationId,
                           @NotNull @PositiveOrZero Long version) {
    }

    record AcceptRequest(
            @NotBlank @Size(max = 50) String name,
            @Size(max = 20) @Pattern(regexp = "[0-9+\\- ]*", message = "digits, '+', '-' and spaces only") String phone,
            @Size(max = 18) @Pattern(regexp = "[0-9]{17}[0-9Xx]|", message = "an 18-character resident ID number") String idNumber,
            @Size(max = 200) String address,
            @NotBlank @Size(max = 20) String residenceDistrict,
            UUID residenceCommunityId) {
    }

    record ReasonRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @PostMapping("/api/v1/members/{memberId}/transfers")
    ResponseEntity<Transfer> request(Caller caller, @PathVariable UUID memberId,
                                     @Valid @RequestBody TransferRequest request) {
        Transfer transfer = service.request(caller, memberId, request.toDistrict(), request.toOrganisationId(),
                request.version());
        return ResponseEntity.created(URI.create("/api/v1/transfers/" + transfer.id())).body(transfer);
    }

    @GetMapping("/api/v1/transfers")
    Page<Transfer> search(Caller caller, @RequestParam(required = false) Direction direction,
                          @RequestParam(required = false) Status status,
                          @RequestParam(defaultValue = "0") @Min(0) int page,
                          @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.search(caller, direction, status, page, size);
    }

    @GetMapping("/api/v1/transfers/{id}")
    Transfer get(Caller caller, @PathVariable UUID id) {
        return service.get(caller, id);
    }

    @PostMapping("/api/v1/transfers/{id}/accept")
    Transfer accept(Caller caller, @PathVariable UUID id, @Valid @RequestBody AcceptRequest request) {
        return service.accept(caller, id, new TransferService.Arrival(request.name().strip(), request.phone(),
                request.idNumber(), request.address(), request.residenceDistrict(), request.residenceCommunityId()));
    }

    @PostMapping("/api/v1/transfers/{id}/decline")
    Transfer decline(Caller caller, @PathVariable UUID id, @Valid @RequestBody ReasonRequest request) {
        return service.decline(caller, id, request.reason().strip());
    }

    @PostMapping("/api/v1/transfers/{id}/cancel")
    Transfer cancel(Caller caller, @PathVariable UUID id, @Valid @RequestBody ReasonRequest request) {
        return service.cancel(caller, id, request.reason().strip());
    }
}
