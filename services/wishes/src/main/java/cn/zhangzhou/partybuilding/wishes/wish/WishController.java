package cn.zhangzhou.partybuilding.wishes.wish;

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

import cn.zhangzhou.partybuilding.events.wishes.ConfirmedBy;
import cn.zhangzhou.partybuilding.events.wishes.WishCategory;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The community's side of a wish: post on a resident's behalf, screen (审核), revise, withdraw, cancel, confirm;
 * the beneficiary's confirmation code (确认码) for staff to print on the slip (回执); the needs menu, where members
 * see published wishes only, with the beneficiary masked, and staff of the community every status.
 */
@RestController
@Validated
class WishController {

    private final WishService service;
    private final BeneficiaryConfirmation beneficiaryConfirmation;

    WishController(WishService service, BeneficiaryConfirmation beneficiaryConfirmation) {
        this.service = service;
        this.beneficiaryConfirmation = beneficiaryConfirmation;
    }

    record BeneficiaryRequest(@NotBlank @Size(max = 50) String name,
                              @NotBlank @Pattern(regexp = "[0-9+\\- ]{5,20}") String phone,
                              @NotBlank @Size(max = 200) String address) {
    }

    record PostRequest(@NotNull UUID communityId, UUID gridId, @NotNull WishCategory category,
                       @NotBlank @Size(max = 500) String description,
                       @NotNull @Min(1) Integer estimatedValueYuan,
                       @Valid BeneficiaryRequest beneficiary, UUID beneficiaryId) {
    }

    record ReviseRequest(@NotNull Long version, UUID gridId, @NotNull WishCategory category,
                         @NotBlank @Size(max = 500) String description,
                         @NotNull @Min(1) Integer estimatedValueYuan) {
    }

    record VersionRequest(@NotNull Long version) {
    }

    record ReasonRequest(@NotNull Long version, @NotBlank @Size(max = 500) String reason) {
    }

    @PostMapping("/api/v1/wishes")
    ResponseEntity<WishView> post(Caller caller, @Valid @RequestBody PostRequest r) {
        // Either a new beneficiary (受助群众) with their data, or one already known in the community by id.
        if ((r.beneficiary() == null) == (r.beneficiaryId() == null)) {
            throw new DomainRuleException("beneficiary", "give either beneficiary (a new person) or beneficiaryId "
                    + "(someone the community already helped), not both and not neither");
        }
        Wish.Content content = new Wish.Content(r.gridId(), r.category(), r.description().strip(),
                r.estimatedValueYuan());
        WishView wish = r.beneficiaryId() != null
                ? service.postFor(caller, r.communityId(), content, r.beneficiaryId())
                : service.post(caller, r.communityId(), content, new Wish.Beneficiary(
                        r.beneficiary().name().strip(), r.beneficiary().phone().strip(),
                        r.beneficiary().address().strip()));
        return ResponseEntity.created(URI.create("/api/v1/wishes/" + wish.id())).body(wish);
    }

    /** The needs menu (需求菜单) of a community: priority (released) wishes first, then oldest published first. */
    @GetMapping("/api/v1/wishes")
    Page<WishView> menu(Caller caller, @RequestParam UUID communityId,
                        @RequestParam(required = false) WishCategory category,
                        @RequestParam(required = false) WishStatus status,
                        @RequestParam(defaultValue = "0") @Min(0) int page,
                        @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.menu(caller, communityId, category, status, page, size);
    }

    @GetMapping("/api/v1/wishes/{id}")
    WishView get(Caller caller, @PathVariable UUID id) {
        return service.get(caller, id);
    }

    @GetMapping("/api/v1/wishes/{id}/history")
    List<WishStore.HistoryEntry> history(Caller caller, @PathVariable UUID id) {
        return service.history(caller, id);
    }

    @PostMapping("/api/v1/wishes/{id}/publish")
    WishView publish(Caller caller, @PathVariable UUID id, @Valid @RequestBody VersionRequest r) {
        return service.publish(caller, id, r.version());
    }

    @PostMapping("/api/v1/wishes/{id}/send-back")
    WishView sendBack(Caller caller, @PathVariable UUID id, @Valid @RequestBody ReasonRequest r) {
        return service.sendBack(caller, id, r.version(), r.reason().strip());
    }

    @PostMapping("/api/v1/wishes/{id}/reject")
    WishView reject(Caller caller, @PathVariable UUID id, @Valid @RequestBody ReasonRequest r) {
        return service.reject(caller, id, r.version(), r.reason().strip());
    }

    @PostMapping("/api/v1/wishes/{id}/revise")
    WishView revise(Caller caller, @PathVariable UUID id, @Valid @RequestBody ReviseRequest r) {
        return service.revise(caller, id, r.version(), new Wish.Content(r.gridId(), r.category(),
                r.description().strip(), r.estimatedValueYuan()));
    }

    @PostMapping("/api/v1/wishes/{id}/withdraw")
    WishView withdraw(Caller caller, @PathVariable UUID id, @Valid @RequestBody ReasonRequest r) {
        return service.withdraw(caller, id, r.version(), r.reason().strip());
    }

    @PostMapping("/api/v1/wishes/{id}/cancel")
    WishView cancel(Caller caller, @PathVariable UUID id, @Valid @RequestBody ReasonRequest r) {
        return service.cancel(caller, id, r.version(), r.reason().strip());
    }

    @GetMapping("/api/v1/wishes/{id}/confirmation-code")
    BeneficiaryConfirmation.CodeView code(Caller caller, @PathVariable UUID id) {
        return beneficiaryConfirmation.code(caller, id);
    }

    /**
     * Staff confirm with {@code version}; or anyone with a valid token presents the beneficiary's
     * {@code confirmationCode} (确认码), once.
     */
    record ConfirmRequest(Long version, @Size(max = 20) String confirmationCode) {
    }

    /** The answer to a confirmation by code: no wish details, the presenter need not be allowed to read the wish. */
    record CodeConfirmation(UUID wishId, WishStatus status, ConfirmedBy confirmedBy) {
    }

    @PostMapping("/api/v1/wishes/{id}/confirm")
    Object confirm(Caller caller, @PathVariable UUID id, @Valid @RequestBody ConfirmRequest r) {
        if (r.confirmationCode() != null) {
            if (r.version() != null) {
                throw new DomainRuleException("confirmationCode", "give either confirmationCode (the beneficiary) or "
                        + "version (staff), not both");
            }
            beneficiaryConfirmation.confirm(caller, id, r.confirmationCode());
            return new CodeConfirmation(id, WishStatus.CONFIRMED, ConfirmedBy.BENEFICIARY);
        }
        if (r.version() == null) {
            throw new DomainRuleException("version", "staff confirm with the version they saw; the beneficiary "
                    + "with confirmationCode");
        }
        return service.confirm(caller, id, r.version());
    }
}
