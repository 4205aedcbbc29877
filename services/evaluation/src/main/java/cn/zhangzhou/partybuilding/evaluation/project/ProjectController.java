package cn.zhangzhou.partybuilding.evaluation.project;

import java.net.URI;
import java.time.LocalDate;
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

import cn.zhangzhou.partybuilding.events.evaluation.Grade;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Projects: launch, progress, the year-end report, the on-site check of each target, the review and the results. */
@RestController
@Validated
class ProjectController {

    private final ProjectService service;

    ProjectController(ProjectService service) {
        this.service = service;
    }

    record TargetRequest(@NotBlank @Size(max = 100) String indicator, @NotBlank @Size(max = 20) String unit,
                         @NotNull @Min(1) @Max(1_000_000_000) Integer targetValue) {
    }

    record MilestoneRequest(@NotBlank @Size(max = 100) String title, @NotNull LocalDate dueOn) {
    }

    record LaunchProjectRequest(@NotNull UUID organisationId, @NotNull @Min(2000) @Max(2100) Integer year,
                                @NotBlank @Size(max = 100) String title, @Size(max = 500) String need,
                                @Size(max = 50) List<@NotNull UUID> wishIds, @NotNull UUID secretaryId,
                                @NotNull @Size(min = 1, max = 20) List<@NotNull @Valid TargetRequest> targets,
                                @Size(max = 20) List<@NotNull @Valid MilestoneRequest> milestones) {
    }

    record ProgressRequest(@NotBlank @Size(max = 1000) String note, UUID milestoneId) {
    }

    record YearEndReportRequest(@NotNull Long version, @NotBlank @Size(max = 5000) String report) {
    }

    record CheckRequest(@NotNull @Min(0) @Max(1_000_000_000) Integer valueFound) {
    }

    record ReviewRequest(@NotNull Long version, @NotNull Grade grade, @NotBlank @Size(max = 1000) String comment) {
    }

    record PublishRequest(@NotNull Long version) {
    }

    @PostMapping("/api/v1/projects")
    ResponseEntity<Project> launch(Caller caller, @Valid @RequestBody LaunchProjectRequest r) {
        String need = r.need() == null || r.need().isBlank() ? null : r.need().strip();
        List<Project.Target> targets = r.targets().stream().map(t -> new Project.Target(UUID.randomUUID(),
                t.indicator().strip(), t.unit().strip(), t.targetValue(), null, null, null, null)).toList();
        List<Project.Milestone> milestones = r.milestones() == null ? List.of() : r.milestones().stream()
                .map(m -> new Project.Milestone(UUID.randomUUID(), m.title().strip(), m.dueOn(), null)).toList();
        Project p = service.launch(caller, new ProjectService.Launch(r.organisationId(), r.year(), r.title().strip(),
                need, r.wishIds() == null ? List.of() : r.wishIds().stream().distinct().toList(), r.secretaryId(),
                targets, milestones));
        return ResponseEntity.created(URI.create("/api/v1/projects/" + p.id())).body(p);
    }

    @GetMapping("/api/v1/projects/{id}")
    Project get(Caller caller, @PathVariable UUID id) {
        return service.get(caller, id);
    }

    @GetMapping("/api/v1/projects")
    Page<Project> list(Caller caller, @RequestParam UUID organisationId, @RequestParam @Min(2000) @Max(2100) int year,
                       @RequestParam(defaultValue = "0") @Min(0) int page,
                       @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.list(caller, organisationId, year, page, size);
    }

    @PostMapping("/api/v1/projects/{id}/progress")
    Project progress(Caller caller, @PathVariable UUID id, @Valid @RequestBody ProgressRequest r) {
        return service.progress(caller, id, r.note().strip(), r.milestoneId());
    }

    @PostMapping("/api/v1/projects/{id}/report")
    Project report(Caller caller, @PathVariable UUID id, @Valid @RequestBody YearEndReportRequest r) {
        return service.report(caller, id, r.version(), r.report().strip());
    }

    @PostMapping("/api/v1/projects/{id}/targets/{targetId}/check")
    Project check(Caller caller, @PathVariable UUID id, @PathVariable UUID targetId,
                  @Valid @RequestBody CheckRequest r) {
        return service.check(caller, id, targetId, r.valueFound());
    }

    @PostMapping("/api/v1/projects/{id}/review")
    Project review(Caller caller, @PathVariable UUID id, @Valid @RequestBody ReviewRequest r) {
        return service.review(caller, id, r.version(), r.grade(), r.comment().strip());
    }

    @PostMapping("/api/v1/projects/{id}/publish")
    Project publish(Caller caller, @PathVariable UUID id, @Valid @RequestBody PublishRequest r) {
        return service.publish(caller, id, r.version());
    }
}
