package cn.zhangzhou.partybuilding.membership.reporting;

import java.time.Instant;
import java.time.Year;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.MemberReportAccepted;
import cn.zhangzhou.partybuilding.events.membership.MemberReportDeclined;
import cn.zhangzhou.partybuilding.events.membership.MemberReportSubmitted;
import cn.zhangzhou.partybuilding.events.membership.MemberReportWithdrawn;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.events.membership.UnitReportAccepted;
import cn.zhangzhou.partybuilding.events.membership.UnitReportDeclined;
import cn.zhangzhou.partybuilding.events.membership.UnitReportSubmitted;
import cn.zhangzhou.partybuilding.membership.directory.DirectoryStore;
import cn.zhangzhou.partybuilding.membership.member.Member.MemberStatus;
import cn.zhangzhou.partybuilding.membership.member.MemberService;
import cn.zhangzhou.partybuilding.membership.member.MemberStore;
import cn.zhangzhou.partybuilding.membership.organisation.Organisation;
import cn.zhangzhou.partybuilding.membership.organisation.OrganisationStore;
import cn.zhangzhou.partybuilding.membership.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.messaging.Outbox;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.web.Page;

/**
 * Dual reporting (双报到): unit reports and member reports to a community, decided by that community.
 * A member report may come from a member another district holds; that district learns of it from our
 * events and feeds the member's service back to their home organisation.
 */
@Service
class ReportingService {

    private final ReportStore reports;
    private final OrganisationStore organisations;
    private final MemberStore members;
    private final MemberService memberService;
    private final DirectoryStore directory;
    private final AccessPolicy access;
    private final Outbox outbox;

    ReportingService(ReportStore reports, OrganisationStore organisations, MemberStore members,
                     MemberService memberService, DirectoryStore directory, AccessPolicy access, Outbox outbox) {
        this.reports = reports;
        this.organisations = organisations;
        this.members = members;
        this.memberService = memberService;
        this.directory = directory;
        this.access = access;
        this.outbox = outbox;
    }

    @Transactional
    UnitReport submitUnitReport(Caller caller, UUID unitOrganisationId, UUID communityId) {
        Organisation unit = organisations.find(unitOrganisationId)
                .filter(o -> o.type() == OrganisationType.RESIDENT_UNIT && o.active())
                .orElseThrow(() -> new DomainRuleException("unitOrganisationId", "no active resident unit organisation "
                        + unitOrganisationId + " in district " + access.district()));
        Organisation community = community(communityId);
        if (!access.mayManage(caller, unit) && !access.mayManage(caller, community)) {
            throw new ForbiddenException("neither the unit nor the community is in your scope");
        }
        UnitReport report = new UnitReport(UUID.randomUUID(), unit.id(), community.id(), ReportStatus.SUBMITTED, null,
                null, 1, Instant.now(), null);
        if (!reports.submit(report)) {
            throw new ConflictException(unit.name() + " has already reported to " + community.name());
        }
        outbox.append(new UnitReportSubmitted(report.id(), unit.id(), community.id()), 1);
        return report;
    }

    @Transactional
    UnitReport acceptUnitReport(Caller caller, UUID id) {
        UnitReport report = lockUnitReport(id);
        access.requireManage(caller, community(report.communityId()));
        requireSubmitted(report.status(), id);
        String receipt = access.district().toUpperCase() + "-" + Year.now() + "-"
                + String.format("%06d", reports.nextReceiptNumber());
        UnitReport accepted = decideUnit(report, ReportStatus.ACCEPTED, receipt, null);
        outbox.append(new UnitReportAccepted(id, report.unitOrganisationId(), report.communityId(), receipt),
                accepted.version());
        return accepted;
    }

    @Transactional
    UnitReport declineUnitReport(Caller caller, UUID id, String reason) {
        UnitReport report = lockUnitReport(id);
        access.requireManage(caller, community(report.communityId()));
        requireSubmitted(report.status(), id);
        UnitReport declined = decideUnit(report, ReportStatus.DECLINED, null, reason);
        outbox.append(new UnitReportDeclined(id, report.unitOrganisationId(), report.communityId(), reason),
                declined.version());
        return declined;
    }

    Page<UnitReport> unitReports(Caller caller, UUID communityId, ReportStatus status, int page, int size) {
        access.requireManage(caller, community(communityId));
        return reports.unitReports(communityId, status, page, size);
    }

    private UnitReport lockUnitReport(UUID id) {
        return reports.lockUnitReport(id).orElseThrow(() -> new NotFoundException("unit report " + id + " not found"));
    }

    private UnitReport decideUnit(UnitReport r, ReportStatus status, String receipt, String reason) {
        UnitReport decided = new UnitReport(r.id(), r.unitOrganisationId(), r.communityId(), status, receipt, reason,
                r.version() + 1, r.submittedAt(), Instant.now());
        reports.decide(decided);
        return decided;
    }

    /** What this district knows of a member: held here, or held by another district and told by its events. */
    private record KnownMember(String district, UUID homeOrganisationId, String residenceDistrict,
                               UUID residenceCommunityId, MemberCategory category) {
    }

    @Transactional
    MemberReport submitMemberReport(Caller caller, UUID memberId, UUID communityId) {
        Organisation community = community(communityId);
        if (!access.isMember(caller, memberId) && !access.mayManage(caller, community)) {
            throw new ForbiddenException("only the member or staff of " + community.name() + " may report this member");
        }
        KnownMember member = knownMember(memberId);
        if (member.category() != MemberCategory.IN_SERVICE) {
            throw new DomainRuleException("memberId", "only in-service (在职) members report to their residence "
                    + "community; this member is " + member.category());
        }
        if (!access.district().equals(member.residenceDistrict()) || !communityId.equals(member.residenceCommunityId())) {
            throw new DomainRuleException("communityId", "a member reports to the community where they live, and "
                    + "member " + memberId + " does not live in " + community.name());
        }
        MemberReport report = new MemberReport(UUID.randomUUID(), memberId, member.district(),
                member.homeOrganisationId(), communityId, ReportStatus.SUBMITTED, null, 1, Instant.now(), null);
        if (!reports.submit(report)) {
            throw new ConflictException("member " + memberId + " already has an open report");
        }
        outbox.append(new MemberReportSubmitted(report.id(), memberId, member.district(), member.homeOrganisationId(),
                communityId), 1);
        return report;
    }

    @Transactional
    MemberReport acceptMemberReport(Caller caller, UUID id) {
        MemberReport report = lockMemberReport(id);
        access.requireManage(caller, community(report.communityId()));
        requireSubmitted(report.status(), id);
        MemberReport accepted = decideMember(report, ReportStatus.ACCEPTED, null);
        outbox.append(new MemberReportAccepted(id, report.memberId(), report.memberDistrict(), report.communityId()),
                accepted.version());
        return accepted;
    }

    @Transactional
    MemberReport declineMemberReport(Caller caller, UUID id, String reason) {
        MemberReport report = lockMemberReport(id);
        access.requireManage(caller, community(report.communityId()));
        requireSubmitted(report.status(), id);
        MemberReport declined = decideMember(report, ReportStatus.DECLINED, reason);
        outbox.append(new MemberReportDeclined(id, report.memberId(), report.memberDistrict(), report.communityId(),
                reason), declined.version());
        return declined;
    }

    /** The member (or staff for them) withdraws a submitted or accepted report, e.g. after moving house. */
    @Transactional
    MemberReport withdrawMemberReport(Caller caller, UUID id) {
        MemberReport report = lockMemberReport(id);
        if (!access.isMember(caller, report.memberId())) {
            access.requireManage(caller, community(report.communityId()));
        }
        if (report.status() != ReportStatus.SUBMITTED && report.status() != ReportStatus.ACCEPTED) {
            throw new ConflictException("member report " + id + " is " + report.status() + " and cannot be withdrawn");
        }
        MemberReport withdrawn = decideMember(report, ReportStatus.WITHDRAWN, null);
        outbox.append(new MemberReportWithdrawn(id, report.memberId(), report.memberDistrict(), report.communityId()),
                withdrawn.version());
        return withdrawn;
    }

    Page<MemberReport> memberReports(Caller caller, UUID communityId, ReportStatus status, int page, int size) {
        access.requireManage(caller, community(communityId));
        return reports.memberReports(communityId, status, page, size);
    }

    /** Feedback to the home organisation: one of this district's members' reports in another district. */
    record ReportElsewhere(UUID reportId, UUID memberId, String district, UUID communityId, String status,
                           String reason) {
    }

    /** Feedback for the home organisation, to whoever may read the member: their reports in other districts. */
    List<ReportElsewhere> reportsElsewhere(Caller caller, UUID memberId) {
        memberService.get(caller, memberId);
        return reports.reportsElsewhere(memberId);
    }

    /** Minutes a member served elsewhere in one district: service and training counted apart. */
    record DistrictHours(String district, long serviceMinutes, long trainingMinutes) {
    }

    /** Feedback for the home organisation: the hours a member served in other districts, in total and listed. */
    record ServiceElsewhere(UUID memberId, long serviceMinutes, long trainingMinutes, List<DistrictHours> byDistrict,
                            Page<HoursServedElsewhere> hours) {
    }

    /** To whoever may read the member, as their reports elsewhere. */
    ServiceElsewhere serviceElsewhere(Caller caller, UUID memberId, int page, int size) {
        memberService.get(caller, memberId);
        List<DistrictHours> byDistrict = reports.hoursElsewhereByDistrict(memberId);
        return new ServiceElsewhere(memberId, byDistrict.stream().mapToLong(DistrictHours::serviceMinutes).sum(),
                byDistrict.stream().mapToLong(DistrictHours::trainingMinutes).sum(), byDistrict,
                reports.hoursServedElsewhere(memberId, page, size));
    }

    private KnownMember knownMember(UUID memberId) {
        var own = members.find(memberId).filter(m -> m.status() != MemberStatus.TRANSFERRED_OUT);
        if (own.isPresent()) {
            var m = own.get();
            return new KnownMember(access.district(), m.homeOrganisationId(), m.residenceDistrict(),
                    m.residenceCommunityId(), m.category());
        }
        return directory.member(memberId).filter(DirectoryStore.ExternalMember::active)
                .map(m -> new KnownMember(m.district(), m.homeOrganisationId(), m.residenceDistrict(),
                        m.residenceCommunityId(), m.category()))
                .orElseThrow(() -> new DomainRuleException("memberId", "member " + memberId
                        + " is not known in district " + access.district()));
    }

    private MemberReport lockMemberReport(UUID id) {
        return reports.lockMemberReport(id)
                .orElseThrow(() -> new NotFoundException("member report " + id + " not found"));
    }

    private MemberReport decideMember(MemberReport r, ReportStatus status, String reason) {
        MemberReport decided = new MemberReport(r.id(), r.memberId(), r.memberDistrict(), r.homeOrganisationId(),
                r.communityId(), status, reason, r.version() + 1, r.submittedAt(), Instant.now());
        reports.decide(decided);
        return decided;
    }

    private Organisation community(UUID id) {
        return organisations.find(id).filter(o -> o.type() == OrganisationType.COMMUNITY)
                .orElseThrow(() -> new DomainRuleException("communityId", "no community " + id + " in district "
                        + access.district()));
    }

    private static void requireSubmitted(ReportStatus status, UUID id) {
        if (status != ReportStatus.SUBMITTED) {
            throw new ConflictException("report " + id + " is " + status + ", no longer SUBMITTED");
        }
    }
}
