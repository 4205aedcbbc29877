package cn.zhangzhou.partybuilding.volunteering.team;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.events.volunteering.JoinPolicy;
import cn.zhangzhou.partybuilding.events.volunteering.TeamBase;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Volunteer teams (志愿服务队): form, join or ask to, approve or decline, add, leave or remove. */
@RestController
@Validated
class TeamController {

    private final TeamService service;

    TeamController(TeamService service) {
        this.service = service;
    }

    /** {@code organisationId}: the community or street; for a BRAND_PROJECT team {@code brandProjectId} instead. */
    record FormRequest(@NotBlank @Size(max = 50) String name, @NotBlank @Size(max = 200) String content,
                       @NotNull TeamBase base, UUID organisationId, UUID brandProjectId, UUID leadVolunteerId,
                       @NotNull JoinPolicy joinPolicy) {
    }

    record VolunteerRequest(@NotNull UUID volunteerId) {
    }

    record DeclineRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @PostMapping("/api/v1/teams")
    ResponseEntity<Team> form(Caller caller, @Valid @RequestBody FormRequest r) {
        Team team = service.form(caller, new TeamService.Formation(r.name().strip(), r.content().strip(), r.base(),
                r.organisationId(), r.brandProjectId(), r.leadVolunteerId(), r.joinPolicy()));
        return ResponseEntity.created(URI.create("/api/v1/teams/" + team.id())).body(team);
    }

    @GetMapping("/api/v1/teams/{id}")
    Team get(Caller caller, @PathVariable UUID id) {
        return service.get(caller, id);
    }

    @GetMapping("/api/v1/teams")
    Page<Team> list(Caller caller, @RequestParam UUID organisationId,
                    @RequestParam(defaultValue = "0") @Min(0) int page,
                    @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.list(caller, organisationId, page, size);
    }

    @PostMapping("/api/v1/teams/{id}/join")
    Team join(Caller caller, @PathVariable UUID id) {
        return service.join(caller, id);
    }

    @PostMapping("/api/v1/teams/{id}/members")
    Team add(Caller caller, @PathVariable UUID id, @Valid @RequestBody VolunteerRequest r) {
        return service.add(caller, id, r.volunteerId());
    }

    @PostMapping("/api/v1/teams/{id}/requests/{volunteerId}/approve")
    Team approve(Caller caller, @PathVariable UUID id, @PathVariable UUID volunteerId) {
        return service.approve(caller, id, volunteerId);
    }

    @PostMapping("/api/v1/teams/{id}/requests/{volunteerId}/decline")
    Team decline(Caller caller, @PathVariable UUID id, @PathVariable UUID volunteerId,
                 @Valid @RequestBody DeclineRequest r) {
        return service.decline(caller, id, volunteerId, r.reason().strip());
    }

    /** A member leaves (their own id); the lead or staff remove a member. */
    @DeleteMapping("/api/v1/teams/{id}/members/{volunteerId}")
    Team leave(Caller caller, @PathVariable UUID id, @PathVariable UUID volunteerId) {
        return service.leave(caller, id, volunteerId);
    }
}
