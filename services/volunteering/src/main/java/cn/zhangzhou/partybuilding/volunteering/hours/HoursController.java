package cn.zhangzhou.partybuilding.volunteering.hours;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.events.volunteering.ShiftKind;
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
 * Verified hours: the door's code (digits or QR image) for staff, check-in and check-out for members, on a post
 * ({@code /posts/{id}/...}) or an activity ({@code /activities/{id}/...}); hours claims and their decisions.
 */
@RestController
@Validated
class HoursController {

    private static final String SHIFT = "/api/v1/{shifts:posts|activities}/{id}";

    private final HoursService service;

    HoursController(HoursService service) {
        this.service = service;
    }

    record CodeRequest(@NotNull @Pattern(regexp = "[0-9]{6}") String code) {
    }

    /** {@code volunteerId}: staff claim for a volunteer; a member claims for themselves without it. */
    record ClaimRequest(UUID volunteerId, @NotNull ShiftKind shiftKind, @NotNull UUID shiftId,
                        @NotNull LocalDate servedOn, @NotNull @Min(1) @Max(HoursService.MAX_MINUTES) Integer minutes,
                        @NotBlank @Size(max = 500) String reason) {
    }

    record DecisionRequest(@NotNull Long version) {
    }

    record ReasonRequest(@NotNull Long version, @NotBlank @Size(max = 500) String reason) {
    }

    @GetMapping(SHIFT + "/check-in-code")
    ResponseEntity<HoursService.CodeView> code(Caller caller, @PathVariable String shifts, @PathVariable UUID id) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(service.code(caller, kind(shifts), id));
    }

    @GetMapping(value = SHIFT + "/check-in-code.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qr(Caller caller, @PathVariable String shifts, @PathVariable UUID id) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG)
                .body(service.qrPng(caller, kind(shifts), id));
    }

    @PostMapping(SHIFT + "/check-in")
    ResponseEntity<HoursService.HoursView> checkIn(Caller caller, @PathVariable String shifts, @PathVariable UUID id,
                                              @Valid @RequestBody CodeRequest r) {
        HoursService.HoursView v = service.checkIn(caller, kind(shifts), id, r.code());
        return ResponseEntity.created(URI.create("/api/v1/hours/" + v.hours().id())).body(v);
    }

    @PostMapping(SHIFT + "/check-out")
    HoursService.HoursView checkOut(Caller caller, @PathVariable String shifts, @PathVariable UUID id,
                               @Valid @RequestBody CodeRequest r) {
        return service.checkOut(caller, kind(shifts), id, r.code());
    }

    @PostMapping("/api/v1/hours")
    ResponseEntity<HoursService.HoursView> claim(Caller caller, @Valid @RequestBody ClaimRequest r) {
        HoursService.HoursView v = service.claim(caller, r.volunteerId(), r.shiftKind(), r.shiftId(), r.servedOn(),
                r.minutes(), r.reason().strip());
        return ResponseEntity.created(URI.create("/api/v1/hours/" + v.hours().id())).body(v);
    }

    @GetMapping("/api/v1/hours/{id}")
    HoursService.HoursView get(Caller caller, @PathVariable UUID id) {
        return service.get(caller, id);
    }

    /** Staff in scope: the entries of the communities below an organisation, e.g. {@code status=PENDING}. */
    @GetMapping("/api/v1/hours")
    Page<Hours> queue(Caller caller, @RequestParam UUID organisationId,
                      @RequestParam(required = false) Hours.Status status,
                      @RequestParam(defaultValue = "0") @Min(0) int page,
                      @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.queue(caller, organisationId, status, page, size);
    }

    @PostMapping("/api/v1/hours/{id}/approve")
    HoursService.HoursView approve(Caller caller, @PathVariable UUID id, @Valid @RequestBody DecisionRequest r) {
        return service.approve(caller, id, r.version());
    }

    @PostMapping("/api/v1/hours/{id}/decline")
    HoursService.HoursView decline(Caller caller, @PathVariable UUID id, @Valid @RequestBody ReasonRequest r) {
        return service.decline(caller, id, r.version(), r.reason().strip());
    }

    @PostMapping("/api/v1/hours/{id}/appeal")
    HoursService.HoursView appeal(Caller caller, @PathVariable UUID id, @Valid @RequestBody ReasonRequest r) {
        return service.appeal(caller, id, r.version(), r.reason().strip());
    }

    /** The volunteer's entries, latest served first: the member their own, staff those of volunteers in scope. */
    @GetMapping("/api/v1/volunteers/{id}/hours")
    Page<Hours> of(Caller caller, @PathVariable UUID id,
                   @RequestParam(defaultValue = "0") @Min(0) int page,
                   @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.of(caller, id, page, size);
    }

    private static ShiftKind kind(String shifts) {
        return shifts.equals("posts") ? ShiftKind.POST : ShiftKind.ACTIVITY;
    }
}
