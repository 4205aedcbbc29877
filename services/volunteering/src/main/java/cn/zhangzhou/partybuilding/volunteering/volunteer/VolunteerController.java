package cn.zhangzhou.partybuilding.volunteering.volunteer;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Volunteers (志愿者): registration, specialties (分类登记) and their verification, search by community and specialty. */
@RestController
@Validated
class VolunteerController {

    private final VolunteerService service;

    VolunteerController(VolunteerService service) {
        this.service = service;
    }

    record ResidentRequest(@NotBlank @Size(max = 50) String name,
                           @NotBlank @Pattern(regexp = "[0-9+\\- ]{5,20}") String phone) {
    }

    /**
     * A member registers themselves ({@code communityId} only). Staff register a member ({@code memberId}) or a
     * resident who is not a member ({@code resident}).
     */
    record RegisterRequest(@NotNull UUID communityId, UUID memberId, @Valid ResidentRequest resident) {
    }

    record SpecialtyRequest(@NotBlank @Size(max = 40) String specialty, @Size(max = 100) String qualification) {
    }

    record SpecialtiesRequest(@NotNull Long version, @NotNull @Size(max = 10) List<@Valid @NotNull SpecialtyRequest> specialties) {
    }

    record VerifyRequest(@NotNull Long version, LocalDate validUntil) {
    }

    /** The district's specialty list (code → label). */
    @GetMapping("/api/v1/specialties")
    Map<String, String> specialties() {
        return service.specialties();
    }

    @PostMapping("/api/v1/volunteers")
    ResponseEntity<VolunteerService.VolunteerView> register(Caller caller, @Valid @RequestBody RegisterRequest r) {
        if (r.memberId() != null && r.resident() != null) {
            throw new DomainRuleException("resident", "give memberId (a member) or resident (not a member), not both");
        }
        VolunteerService.VolunteerView v;
        if (r.resident() != null) {
            v = service.registerResident(caller, r.communityId(), r.resident().name().strip(),
                    r.resident().phone().strip());
        } else if (r.memberId() == null || (caller.hasRole(Role.MEMBER) && r.memberId().equals(caller.member()))) {
            v = service.registerSelf(caller, r.communityId());
        } else {
            v = service.registerMember(caller, r.communityId(), r.memberId());
        }
        return ResponseEntity.created(URI.create("/api/v1/volunteers/" + v.id())).body(v);
    }

    @GetMapping("/api/v1/volunteers/{id}")
    VolunteerService.VolunteerView get(Caller caller, @PathVariable UUID id) {
        return service.get(caller, id);
    }

    /** Staff in scope: volunteers of a community (or of every community below a street), by specialty. */
    @GetMapping("/api/v1/volunteers")
    Page<VolunteerService.VolunteerView> search(Caller caller, @RequestParam UUID organisationId,
                                       @RequestParam(required = false) String specialty,
                                       @RequestParam(defaultValue = "false") boolean qualified,
                                       @RequestParam(defaultValue = "0") @Min(0) int page,
                                       @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.search(caller, organisationId, specialty, qualified, page, size);
    }

    @PutMapping("/api/v1/volunteers/{id}/specialties")
    VolunteerService.VolunteerView specialties(Caller caller, @PathVariable UUID id, @Valid @RequestBody SpecialtiesRequest r) {
        return service.updateSpecialties(caller, id, r.version(), r.specialties().stream()
                .map(s -> new VolunteerService.StatedSpecialty(s.specialty().strip(),
                        s.qualification() == null || s.qualification().isBlank() ? null : s.qualification().strip()))
                .toList());
    }

    @PostMapping("/api/v1/volunteers/{id}/specialties/{specialty}/verification")
    VolunteerService.VolunteerView verify(Caller caller, @PathVariable UUID id, @PathVariable String specialty,
                                 @Valid @RequestBody VerifyRequest r) {
        return service.verify(caller, id, specialty, r.version(), r.validUntil());
    }
}
