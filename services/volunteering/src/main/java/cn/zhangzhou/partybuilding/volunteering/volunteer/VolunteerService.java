package cn.zhangzhou.partybuilding.volunteering.volunteer;

import static cn.zhangzhou.partybuilding.volunteering.VolunteeringProperties.dayOf;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.events.volunteering.VolunteerKind;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteerRegistered;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteerSpecialtiesUpdated;
import cn.zhangzhou.partybuilding.messaging.Outbox;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.web.Page;
import cn.zhangzhou.partybuilding.volunteering.VolunteeringProperties;
import cn.zhangzhou.partybuilding.directory.MembershipDirectory;
import cn.zhangzhou.partybuilding.volunteering.scope.AccessPolicy;

/**
 * Volunteers (志愿者) and their specialties (分类登记). A member registers themselves, or staff register a member or
 * a resident who is not a member; a member who claims a post or signs up without registering is registered then,
 * with that community. Specialties come from the district's list; staff in scope verify qualifications.
 */
@Service
public class VolunteerService {

    /** A volunteer as answered over HTTP: a resident's name and phone only to staff in scope. */
    record VolunteerView(UUID id, VolunteerKind kind, String district, UUID communityId, long version, Instant registeredAt,
                List<Volunteer.Specialty> specialties, String name, String phone) {
    }

    /** A specialty as stated by the volunteer or staff: the code, and the qualification held in it (may be null). */
    record StatedSpecialty(String specialty, String qualification) {
    }

    private final VolunteerStore volunteers;
    private final MembershipDirectory directory;
    private final AccessPolicy access;
    private final Outbox outbox;
    private final Clock clock;
    private final Map<String, String> specialties;

    VolunteerService(VolunteerStore volunteers, MembershipDirectory directory, AccessPolicy access, Outbox outbox,
                     Clock clock, VolunteeringProperties properties) {
        this.volunteers = volunteers;
        this.directory = directory;
        this.access = access;
        this.outbox = outbox;
        this.clock = clock;
        this.specialties = properties.volunteering().specialties();
    }

    Map<String, String> specialties() {
        return specialties;
    }

    /** A member registers themselves with a community they live in or reported to (双报到). */
    @Transactional
    VolunteerView registerSelf(Caller caller, UUID communityId) {
        access.requireCommunity(communityId, "communityId");
        String home = access.requireMemberIn(caller, communityId);
        return register(caller, caller.member(), VolunteerKind.MEMBER, home, communityId);
    }

    /** Staff in scope register a member who lives in or reported to the community. */
    @Transactional
    VolunteerView registerMember(Caller caller, UUID communityId, UUID memberId) {
        access.requireCommunity(communityId, "communityId");
        access.requireManage(caller, communityId);
        String home = directory.homeDistrictIn(memberId, communityId).orElseThrow(() -> new DomainRuleException(
                "memberId", "member " + memberId + " neither lives in community " + communityId
                        + " nor has an accepted member report (双报到) to it"));
        return register(caller, memberId, VolunteerKind.MEMBER, home, communityId);
    }

    /** Staff in scope register a resident who is not a member; the name and phone stay in this service. */
    @Transactional
    VolunteerView registerResident(Caller caller, UUID communityId, String name, String phone) {
        access.requireCommunity(communityId, "communityId");
        access.requireManage(caller, communityId);
        UUID id = UUID.randomUUID();
        register(caller, id, VolunteerKind.RESIDENT, access.district(), communityId);
        volunteers.insertResident(id, new VolunteerStore.Resident(name, phone));
        return view(require(id));
    }

    private VolunteerView register(Caller caller, UUID id, VolunteerKind kind, String district, UUID communityId) {
        if (!volunteers.insert(id, kind, district, communityId, now(), caller.subject())) {
            throw new ConflictException("volunteer " + id + " is registered already");
        }
        outbox.append(new VolunteerRegistered(id, kind, district, communityId), 1);
        return view(require(id));
    }

    /**
     * The member acting as a volunteer in the community (claiming a post, signing up, joining its team): they must
     * live there or have reported to it; a member not yet registered is registered with that community now.
     */
    @Transactional
    public Volunteer actingMember(Caller caller, UUID communityId) {
        String home = access.requireMemberIn(caller, communityId);
        UUID id = caller.member();
        if (volunteers.insert(id, VolunteerKind.MEMBER, home, communityId, now(), caller.subject())) {
            outbox.append(new VolunteerRegistered(id, VolunteerKind.MEMBER, home, communityId), 1);
        }
        return require(id);
    }

    public Volunteer require(UUID id) {
        return volunteers.find(id).orElseThrow(() -> NotFoundException.of("volunteer", id));
    }

    /** The volunteer, locked until the transaction ends: their claims and check-ins happen one at a time. */
    public Volunteer lock(UUID id) {
        return volunteers.lock(id).orElseThrow(() -> NotFoundException.of("volunteer", id));
    }

    /** The calling member's own volunteer record, locked; their token must come from the district that holds them. */
    public Volunteer lockOwn(Caller caller) {
        Volunteer v = lock(access.requireMember(caller));
        String token = caller.district() == null ? access.district() : caller.district();
        if (v.kind() != VolunteerKind.MEMBER || !v.district().equals(token)) {
            throw new ForbiddenException("volunteer " + v.id() + " is held by district " + v.district() + ", not " + token);
        }
        return v;
    }

    /** Whether the caller is the volunteer (a member as themselves) or staff whose scope covers their community. */
    public boolean isSelfOrStaffFor(Caller caller, Volunteer v) {
        boolean self = v.kind() == VolunteerKind.MEMBER && caller.hasRole(Role.MEMBER) && v.id().equals(caller.member());
        return self || access.mayManage(caller, v.communityId());
    }

    /** The volunteer, if the caller is them or staff in scope; else 404 (nobody else learns who volunteers). */
    public Volunteer requireSelfOrStaff(Caller caller, UUID id) {
        Volunteer v = require(id);
        if (!isSelfOrStaffFor(caller, v)) {
            throw NotFoundException.of("volunteer", id);
        }
        return v;
    }

    VolunteerView get(Caller caller, UUID id) {
        return view(requireSelfOrStaff(caller, id));
    }

    /**
     * Replaces the specialties. A specialty whose qualification is unchanged keeps its verification; a new or changed
     * qualification waits for staff to verify it.
     */
    @Transactional
    VolunteerView updateSpecialties(Caller caller, UUID id, long version, List<StatedSpecialty> stated) {
        Volunteer v = locked(caller, id, version);
        List<Volunteer.Specialty> next = new ArrayList<>();
        for (StatedSpecialty s : stated) {
            if (!specialties.containsKey(s.specialty())) {
                throw new DomainRuleException("specialties", "unknown specialty " + s.specialty() + "; the district's "
                        + "list is " + specialties.keySet());
            }
            Volunteer.Specialty kept = v.specialties().stream().filter(old -> old.specialty().equals(s.specialty())
                    && Objects.equals(old.qualification(), s.qualification())).findFirst().orElse(null);
            next.add(kept != null ? kept : new Volunteer.Specialty(s.specialty(), s.qualification(), null, null, null));
        }
        if (new HashSet<>(next.stream().map(Volunteer.Specialty::specialty).toList()).size() != next.size()) {
            throw new DomainRuleException("specialties", "a specialty is listed twice");
        }
        volunteers.replaceSpecialties(id, next);
        return changed(v);
    }

    /** Staff in scope verify the qualification stated for a specialty (e.g. saw the licence), until a day or for good. */
    @Transactional
    VolunteerView verify(Caller caller, UUID id, String specialty, long version, LocalDate validUntil) {
        Volunteer v = locked(caller, id, version);
        access.requireManage(caller, v.communityId());
        Volunteer.Specialty s = v.specialties().stream().filter(x -> x.specialty().equals(specialty)).findFirst()
                .orElseThrow(() -> NotFoundException.of("specialty of volunteer " + id, specialty));
        if (s.qualification() == null) {
            throw new DomainRuleException("specialty", "volunteer " + id + " states no qualification in " + specialty);
        }
        if (validUntil != null && validUntil.isBefore(dayOf(now()))) {
            throw new DomainRuleException("validUntil", "must not be in the past");
        }
        volunteers.verify(id, specialty, caller.subject(), now(), validUntil);
        return changed(v);
    }

    private Volunteer locked(Caller caller, UUID id, long version) {
        Volunteer v = volunteers.lock(id).orElseThrow(() -> NotFoundException.of("volunteer", id));
        if (!isSelfOrStaffFor(caller, v)) {
            throw new ForbiddenException("only the volunteer or staff in scope change volunteer " + id);
        }
        if (v.version() != version) {
            throw ConflictException.staleVersion("volunteer", id, version);
        }
        return v;
    }

    private VolunteerView changed(Volunteer v) {
        volunteers.bump(v.id());
        Volunteer now = require(v.id());
        outbox.append(new VolunteerSpecialtiesUpdated(v.id(), v.communityId(),
                now.specialties().stream().map(Volunteer.Specialty::state).toList()), now.version());
        return view(now);
    }

    /** Staff in scope: the volunteers registered with the community (or any below the organisation). */
    Page<VolunteerView> search(Caller caller, UUID organisationId, String specialty, boolean qualified, int page, int size) {
        List<UUID> within = access.subtreeFor(caller, organisationId);
        if (specialty != null && !specialties.containsKey(specialty)) {
            throw new DomainRuleException("specialty", "unknown specialty " + specialty);
        }
        if (qualified && specialty == null) {
            throw new DomainRuleException("qualified", "qualified needs a specialty");
        }
        return volunteers.search(within, specialty, qualified ? dayOf(now()) : null, page, size).map(this::view);
    }

    private VolunteerView view(Volunteer v) {
        VolunteerStore.Resident r = volunteers.resident(v.id()).orElse(null);
        return new VolunteerView(v.id(), v.kind(), v.district(), v.communityId(), v.version(), v.registeredAt(),
                v.specialties(), r == null ? null : r.name(), r == null ? null : r.phone());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
