package cn.zhangzhou.partybuilding.volunteering.activity;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.events.volunteering.ActivityKind;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Activities and trainings: schedule, list, cancel; sign-ups, the waiting list and cancellations. */
@RestController
@Validated
class ActivityController {

    private final ActivityService service;

    ActivityController(ActivityService service) {
        this.service = service;
    }

    record ScheduleRequest(@NotNull UUID communityId, @NotNull ActivityKind kind,
                           @NotBlank @Size(max = 100) String title, @NotNull @Size(max = 1000) String description,
                           @NotBlank @Size(max = 200) String place, @Size(max = 40) String specialty,
                           @NotNull Instant startsAt, @NotNull Instant endsAt,
                           @NotNull @Min(1) @Max(10000) Integer capacity, @NotNull Instant cancellationDeadline,
                           UUID campaignId) {
    }

    /** No body (or no {@code volunteerId}): the calling member signs up; staff name the volunteer. */
    record SignUpRequest(UUID volunteerId) {
    }

    record CancelRequest(@NotNull Long version, @NotBlank @Size(max = 500) String reason) {
    }

    @PostMapping("/api/v1/activities")
    ResponseEntity<Activity> schedule(Caller caller, @Valid @RequestBody ScheduleRequest r) {
        Activity a = service.schedule(caller, new ActivityService.Schedule(r.communityId(), r.kind(), r.title().strip(),
                r.description().strip(), r.place().strip(), r.specialty(), r.startsAt(), r.endsAt(), r.capacity(),
                r.cancellationDeadline(), r.campaignId()));
        return ResponseEntity.created(URI.create("/api/v1/activities/" + a.id())).body(a);
    }

    @GetMapping("/api/v1/activities/{id}")
    Activity get(Caller caller, @PathVariable UUID id) {
        return service.get(caller, id);
    }

    @GetMapping("/api/v1/activities")
    Page<Activity> list(Caller caller, @RequestParam UUID organisationId,
                        @RequestParam(required = false) ActivityKind kind,
                        @RequestParam(required = false) UUID campaignId,
                        @RequestParam(defaultValue = "0") @Min(0) int page,
                        @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.list(caller, organisationId, kind, campaignId, page, size);
    }

    @PostMapping("/api/v1/activities/{id}/cancel")
    Activity cancel(Caller caller, @PathVariable UUID id, @Valid @RequestBody CancelRequest r) {
        return service.cancel(caller, id, r.version(), r.reason().strip());
    }

    @PostMapping("/api/v1/activities/{id}/sign-ups")
    ResponseEntity<Activity.SignUp> signUp(Caller caller, @PathVariable UUID id,
                                           @RequestBody(required = false) SignUpRequest r) {
        Activity.SignUp s = service.signUp(caller, id, r == null ? null : r.volunteerId());
        return ResponseEntity.created(URI.create("/api/v1/activities/" + id + "/sign-ups/" + s.id())).body(s);
    }

    /** Staff in scope: the sign-ups in arrival order, the waiting ones with their position. */
    @GetMapping("/api/v1/activities/{id}/sign-ups")
    Page<Activity.SignUp> signUps(Caller caller, @PathVariable UUID id,
                                  @RequestParam(required = false) @Pattern(regexp = "CONFIRMED|WAITING|CANCELLED")
                                  String status,
                                  @RequestParam(defaultValue = "0") @Min(0) int page,
                                  @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.signUpsTo(caller, id, status, page, size);
    }

    @PostMapping("/api/v1/activities/{id}/sign-ups/{signUpId}/cancel")
    Activity.SignUp cancelSignUp(Caller caller, @PathVariable UUID id, @PathVariable UUID signUpId) {
        return service.cancelSignUp(caller, id, signUpId);
    }

    /** The volunteer's sign-ups, newest first: the member their own, staff those of volunteers in scope. */
    @GetMapping("/api/v1/volunteers/{id}/sign-ups")
    Page<Activity.SignedUpActivity> signUpsOf(Caller caller, @PathVariable UUID id,
                                              @RequestParam(defaultValue = "0") @Min(0) int page,
                                              @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.signUpsOf(caller, id, page, size);
    }
}
