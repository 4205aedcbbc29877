package cn.zhangzhou.partybuilding.membership.member;

import java.net.URI;
import java.util.List;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.events.membership.CadreRole;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.membership.member.MemberService.MemberDetails;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;

@RestController
@RequestMapping("/api/v1/members")
class MemberController {

    private final MemberService service;

    MemberController(MemberService service) {
        this.service = service;
    }

    /** Register and update share the body; update also carries the version the client last saw. */
    record MemberRequest(
            @NotBlank @Size(max = 50) String name,
            @Size(max = 20) @Pattern(regexp = "[0-9+\\- ]*", message = "digits, '+', '-' and spaces only") String phone,
            @Size(max = 18) @Pattern(regexp = "[0-9]{17}[0-9Xx]|", message = "an 18-character resident ID number") String idNumber,
            @Size(max = 200) String address,
            @NotNull UUID homeOrganisationId,
            @NotBlank @Size(max = 20) String residenceDistrict,
            UUID residenceCommunityId,
            @NotNull MemberCategory category,
            @Size(max = 20) List<@NotBlank @Size(max = 30) String> specialties,
            CadreRole cadreRole,
            Boolean communityWorker,
            @PositiveOrZero Long version) {

        MemberDetails details() {
            return new MemberDetails(name.strip(), phone, idNumber, address, homeOrganisationId, residenceDistrict,
                    residenceCommunityId, category,
                    specialties == null ? List.of() : specialties.stream().map(String::strip).distinct().toList(),
                    cadreRole, Boolean.TRUE.equals(communityWorker));
        }
    }

    @PostMapping
    ResponseEntity<Member> register(Caller caller, @Valid @RequestBody MemberRequest request) {
        Member member = service.register(caller, request.details());
        return ResponseEntity.created(URI.create("/api/v1/members/" + member.id())).body(member);
    }

    @GetMapping("/{id}")
    Member get(Caller caller, @PathVariable UUID id) {
        return service.get(caller, id);
    }

    @PutMapping("/{id}")
    Member update(Caller caller, @PathVariable UUID id, @Valid @RequestBody MemberRequest request) {
        if (request.version() == null) {
            throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST,
                    "version: required on update (the version you last read)");
        }
        return service.update(caller, id, request.details(), request.version());
    }

    @GetMapping
    Page<Member> search(Caller caller,
                        @RequestParam(required = false) @Size(max = 50) String name,
                        @RequestParam(required = false) UUID organisationId,
                        @RequestParam(required = false) MemberCategory category,
                        @RequestParam(required = false) @Size(max = 30) String specialty,
                        @RequestParam(defaultValue = "0") @Min(0) int page,
                        @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.search(caller, name, organisationId, category, specialty, page, size);
    }
}
