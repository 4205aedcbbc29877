package cn.zhangzhou.partybuilding.wishes.group;

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

import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Help groups (帮帮团) of a community; they claim wishes with {@code claimerKind GROUP}. */
@RestController
@Validated
class HelpGroupController {

    private final HelpGroupService service;

    HelpGroupController(HelpGroupService service) {
        this.service = service;
    }

    /** {@code leadMemberId}: staff name the lead; a member founding a group leads it (omit it or give their own id). */
    record CreateRequest(@NotNull UUID communityId, @NotBlank @Size(max = 50) String name, UUID leadMemberId) {
    }

    record MemberRequest(@NotNull UUID memberId) {
    }

    @PostMapping("/api/v1/help-groups")
    ResponseEntity<HelpGroup> create(Caller caller, @Valid @RequestBody CreateRequest r) {
        HelpGroup group = service.create(caller, r.communityId(), r.name().strip(), r.leadMemberId());
        return ResponseEntity.created(URI.create("/api/v1/help-groups/" + group.id())).body(group);
    }

    @GetMapping("/api/v1/help-groups")
    Page<HelpGroup> list(Caller caller, @RequestParam(required = false) UUID communityId,
                         @RequestParam(defaultValue = "0") @Min(0) int page,
                         @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.list(caller, communityId, page, size);
    }

    @GetMapping("/api/v1/help-groups/{id}")
    HelpGroup get(Caller caller, @PathVariable UUID id) {
        return service.get(caller, id);
    }

    @PostMapping("/api/v1/help-groups/{id}/members")
    HelpGroup addMember(Caller caller, @PathVariable UUID id, @Valid @RequestBody MemberRequest r) {
        return service.addMember(caller, id, r.memberId());
    }

    @DeleteMapping("/api/v1/help-groups/{id}/members/{memberId}")
    HelpGroup removeMember(Caller caller, @PathVariable UUID id, @PathVariable UUID memberId) {
        return service.removeMember(caller, id, memberId);
    }
}
