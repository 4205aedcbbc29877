package cn.zhangzhou.partybuilding.volunteering.post;

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

import cn.zhangzhou.partybuilding.events.volunteering.PostPublisher;
import cn.zhangzhou.partybuilding.events.volunteering.Requirement;
import cn.zhangzhou.partybuilding.events.volunteering.ScheduleKind;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Service posts (岗位): publish, list, close; members' claims (党员认岗) and their withdrawal. */
@RestController
@Validated
class PostController {

    private final PostService service;

    PostController(PostService service) {
        this.service = service;
    }

    record PublishRequest(@NotNull UUID communityId, @NotNull PostPublisher publisher, UUID unitId,
                          @NotBlank @Size(max = 100) String title, @NotNull @Size(max = 1000) String description,
                          @NotBlank @Size(max = 200) String place, @Size(max = 40) String specialty,
                          @NotNull Requirement requirement, @NotNull ScheduleKind schedule, @NotNull Instant startsAt,
                          Instant endsAt, @Min(1) @Max(10000) Integer hoursBudget,
                          @NotNull @Min(1) @Max(10000) Integer capacity, UUID campaignId) {
    }

    record CloseRequest(@NotNull Long version, @NotBlank @Size(max = 500) String reason) {
    }

    @PostMapping("/api/v1/posts")
    ResponseEntity<Post> publish(Caller caller, @Valid @RequestBody PublishRequest r) {
        Post post = service.publish(caller, new PostService.Publication(r.communityId(), r.publisher(), r.unitId(),
                r.title().strip(), r.description().strip(), r.place().strip(), r.specialty(), r.requirement(),
                r.schedule(), r.startsAt(), r.endsAt(), r.hoursBudget(), r.capacity(), r.campaignId()));
        return ResponseEntity.created(URI.create("/api/v1/posts/" + post.id())).body(post);
    }

    @GetMapping("/api/v1/posts/{id}")
    Post get(Caller caller, @PathVariable UUID id) {
        return service.get(caller, id);
    }

    /** Posts of a community, or of every community below a street or the district; soonest first. */
    @GetMapping("/api/v1/posts")
    Page<Post> list(Caller caller, @RequestParam UUID organisationId,
                    @RequestParam(required = false) Post.Status status,
                    @RequestParam(required = false) UUID campaignId,
                    @RequestParam(defaultValue = "0") @Min(0) int page,
                    @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.list(caller, organisationId, status, campaignId, page, size);
    }

    @PostMapping("/api/v1/posts/{id}/close")
    Post close(Caller caller, @PathVariable UUID id, @Valid @RequestBody CloseRequest r) {
        return service.close(caller, id, r.version(), r.reason().strip());
    }

    @PostMapping("/api/v1/posts/{id}/claims")
    ResponseEntity<Post.Claim> claim(Caller caller, @PathVariable UUID id) {
        Post.Claim claim = service.claim(caller, id);
        return ResponseEntity.created(URI.create("/api/v1/posts/" + id + "/claims/" + claim.id())).body(claim);
    }

    @GetMapping("/api/v1/posts/{id}/claims")
    Page<Post.Claim> claims(Caller caller, @PathVariable UUID id,
                            @RequestParam(defaultValue = "0") @Min(0) int page,
                            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.claimsOn(caller, id, page, size);
    }

    @PostMapping("/api/v1/posts/{id}/claims/{claimId}/withdraw")
    Post.Claim withdraw(Caller caller, @PathVariable UUID id, @PathVariable UUID claimId) {
        return service.withdraw(caller, id, claimId);
    }

    /** The volunteer's claims, newest first: the member their own, staff those of volunteers in scope. */
    @GetMapping("/api/v1/volunteers/{id}/post-claims")
    Page<Post.ClaimedPost> claimsOf(Caller caller, @PathVariable UUID id,
                                    @RequestParam(defaultValue = "0") @Min(0) int page,
                                    @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.claimsOf(caller, id, page, size);
    }
}
