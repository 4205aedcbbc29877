package cn.zhangzhou.partybuilding.wishes.wish;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.events.wishes.ClaimerKind;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The claimer's side. No {@code version} on these: the claimer acts on the standing claim, and each move is a
 * conditional update on the wish's status. And a member's claims (我的认领): the member their own and their help
 * groups'; staff those of a member on wishes inside their scope; newest first, no personal data of the
 * beneficiary.
 */
@RestController
@Validated
class ClaimController {

    private final ClaimService service;

    ClaimController(ClaimService service) {
        this.service = service;
    }

    record FulfilmentRequest(@NotBlank @Size(max = 500) String note, @Size(max = 200) String photoRef) {
    }

    /**
     * No body (or {@code claimerKind MEMBER}): the calling member claims. {@code GROUP} with {@code groupId}: the
     * lead claims for the help group (帮帮团). {@code UNIT} with {@code unitId}: staff claim for a resident unit.
     */
    record ClaimRequest(ClaimerKind claimerKind, UUID groupId, UUID unitId) {
    }

    @PostMapping("/api/v1/wishes/{id}/claim")
    ResponseEntity<Claim> claim(Caller caller, @PathVariable UUID id,
                                @RequestBody(required = false) ClaimRequest r) {
        ClaimService.Claimer claimer = r == null || r.claimerKind() == null ? ClaimService.Claimer.SELF
                : new ClaimService.Claimer(r.claimerKind(), r.groupId(), r.unitId());
        Claim claim = service.claim(caller, id, claimer);
        return ResponseEntity.created(URI.create("/api/v1/wishes/" + id)).body(claim);
    }

    @GetMapping("/api/v1/wishes/{id}/contact")
    ClaimService.Contact contact(Caller caller, @PathVariable UUID id) {
        return service.contact(caller, id);
    }

    @PostMapping("/api/v1/wishes/{id}/contacted")
    Claim contacted(Caller caller, @PathVariable UUID id) {
        return service.contacted(caller, id);
    }

    /** The claimer gives up; the wish goes back to the menu with priority. */
    @PostMapping("/api/v1/wishes/{id}/claim/withdraw")
    Claim withdraw(Caller caller, @PathVariable UUID id) {
        return service.withdraw(caller, id);
    }

    @PostMapping("/api/v1/wishes/{id}/fulfilment")
    Claim fulfil(Caller caller, @PathVariable UUID id, @Valid @RequestBody FulfilmentRequest r) {
        return service.fulfil(caller, id, r.note().strip(), r.photoRef());
    }

    @GetMapping("/api/v1/claims/mine")
    Page<ClaimStore.ClaimSummary> mine(Caller caller, @RequestParam(required = false) ClaimStatus status,
                                              @RequestParam(defaultValue = "0") @Min(0) int page,
                                              @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.mine(caller, status, page, size);
    }

    @GetMapping("/api/v1/claims")
    Page<ClaimStore.ClaimSummary> ofMember(Caller caller, @RequestParam UUID memberId,
                                                  @RequestParam(required = false) ClaimStatus status,
                                                  @RequestParam(defaultValue = "0") @Min(0) int page,
                                                  @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.ofMember(caller, memberId, status, page, size);
    }
}
