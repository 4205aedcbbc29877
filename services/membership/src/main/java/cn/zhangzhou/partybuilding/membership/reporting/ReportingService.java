package cn.zhangzhou.partybuilding.membership.reporting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.Year;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
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
import cn.zhangzhou.partybuilding.membership.directory.Directory;
import cn.zhangzhou.partybuilding.membership.member.Member.MemberStatus;
import cn.zhangzhou.partybuilding.membership.member.MemberRepository;
import cn.zhangzhou.partybuilding.membership.organisation.Organisation;
import cn.zhangzhou.partybuilding.membership.organisation.OrganisationRepository;
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
public class ReportingService {

    private final JdbcClient jdbc;
    private final OrganisationRepository organisations;
    private final MemberRepository members;
    private final Directory directory;
    private final AccessPolicy access;
    private final Outbox outbox;

    public ReportingService(JdbcClient jdbc, OrganisationRepository organisations, MemberRepository members,
                            Directory directory, AccessPolicy access, Outbox outbox) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.members = members;
        this.directory = directory;
        this.access = access;
        this.outbox = outbox;
    }

    // ---- unit reports ----

    @Transactional
    public UnitReport submitUnitReport(Caller caller, UUID unitOrganisationId, UUID communityId) {
        Organisation unit = organisations.find(unitOrganisationId)
                .filter(o -> o.type() == OrganisationType.RESIDENT_UNIT && o.active())
                .orElseThrow(() -> new DomainRuleException("unitOrganisationId", "no active resident unit organisation "
                        + unitOrganisationId + " in district " + access.district()));
        Organisation community = community(communityId);
        if (!access.mayManage(caller, unit) && !access.mayManage(caller, community)) {
            throw new ForbiddenException("neither the unit nor the community is in your scope");
        }
        if (openUnitReport(unitOrganisationId, communityId)) {
            throw new ConflictException(unit.name() + " has already reported to " + community.name());
        }
        UnitReport report = new UnitReport(UUID.randomUUID(), unit.id(), community.id(), ReportStatus.SUBMITTED, null,
                null, 1, Instant.now(), null);
        jdbc.sql("insert into unit_report (id, unit_organisation_id, community_id, status, version) values (?, ?, ?, ?, ?)")
                .params(report.id(), unit.id(), community.id(), report.status().name(), 1L).update();
        outbox.append(new UnitReportSubmitted(report.id(), unit.id(), community.id()), 1);
        return report;
    }

    @Transactional
    public UnitReport acceptUnitReport(Caller caller, UUID id) {
        UnitReport report = lockUnitReport(id);
        access.requireManage(caller, community(report.communityId()));
        requireSubmitted(report.status(), id);
        long seq = jdbc.sql("select nextval('unit_report_receipt_seq')").query(Long.class).single();
        String receipt = access.district().toUpperCase() + "-" + Year.now() + "-" + String.format("%06d", seq);
        UnitReport accepted = decideUnit(report, ReportStatus.ACCEPTED, receipt, null);
        outbox.append(new UnitReportAccepted(id, report.unitOrganisationId(), report.communityId(), receipt),
                accepted.version());
        return accepted;
    }

    @Transactional
    public UnitReport declineUnitReport(Caller caller, UUID id, String reason) {
        UnitReport report = lockUnitReport(id);
        access.requireManage(caller, community(report.communityId()));
        requireSubmitted(report.status(), id);
        UnitReport declined = decideUnit(report, ReportStatus.DECLINED, null, reason);
        outbox.append(new UnitReportDeclined(id, report.unitOrganisationId(), report.communityId(), reason),
                declined.version());
        return declined;
    }

    public Page<UnitReport> unitReports(Caller caller, UUID communityId, ReportStatus status, int page, int size) {
        access.requireManage(caller, community(communityId));
        return reportsOf("unit_report", ReportingService::unitReport, communityId, status, page, size);
    }

    private boolean openUnitReport(UUID unit, UUID community) {
        return jdbc.sql("select exists(select 1 from unit_report where unit_organisation_id = ? and community_id = ? "
                + "and status in ('SUBMITTED', 'ACCEPTED'))").params(unit, community).query(Boolean.class).single();
    }

    private UnitReport lockUnitReport(UUID id) {
        return jdbc.sql("select * from unit_report where id = ? for update").param(id)
                .query(ReportingService::unitReport).optional()
                .orElseThrow(() -> new NotFoundException("unit report " + id + " not found"));
    }

    private UnitReport decideUnit(UnitReport r, ReportStatus status, String receipt, String reason) {
        UnitReport decided = new UnitReport(r.id(), r.unitOrganisationId(), r.communityId(), status, receipt, reason,
                r.version() + 1, r.submittedAt(), Instant.now());
        jdbc.sql("update unit_report set status = ?, receipt_number = ?, reason = ?, version = ?, decided_at = now() "
                        + "where id = ?")
                .params(status.name(), receipt, reason, decided.version(), r.id()).update();
        return decided;
    }

    private static UnitReport unitReport(ResultSet rs, int i) throws SQLException {
        return new UnitReport(rs.getObject("id", UUID.class), rs.getObject("unit_organisation_id", UUID.class),
                rs.getObject("community_id", UUID.class), ReportStatus.valueOf(rs.getString("status")),
                rs.getString("receipt_number"), rs.getString("reason"), rs.getLong("version"),
                instant(rs.getTimestamp("submitted_at")), instant(rs.getTimestamp("decided_at")));
    }

    // ---- member reports ----

    /** What this district knows of a member: held here, or held by another district and told by its events. */
    private record KnownMember(String district, UUID homeOrganisationId, String residenceDistrict,
                               UUID residenceCommunityId, MemberCategory category) {
    }

    @Transactional
    public MemberReport submitMemberReport(Caller caller, UUID memberId, UUID communityId) {
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
        if (jdbc.sql("select exists(select 1 from member_report where member_id = ? and status in ('SUBMITTED', 'ACCEPTED'))")
                .param(memberId).query(Boolean.class).single()) {
            throw new ConflictException("member " + memberId + " already has an open report");
        }
        MemberReport report = new MemberReport(UUID.randomUUID(), memberId, member.district(),
                member.homeOrganisationId(), communityId, ReportStatus.SUBMITTED, null, 1, Instant.now(), null);
        jdbc.sql("insert into member_report (id, member_id, member_district, home_organisation_id, community_id, status, "
                        + "version) values (?, ?, ?, ?, ?, ?, ?)")
                .params(report.id(), memberId, member.district(), member.homeOrganisationId(), communityId,
                        report.status().name(), 1L)
                .update();
        outbox.append(new MemberReportSubmitted(report.id(), memberId, member.district(), member.homeOrganisationId(),
                communityId), 1);
        return report;
    }

    @Transactional
    public MemberReport acceptMemberReport(Caller caller, UUID id) {
        MemberReport report = lockMemberReport(id);
        access.requireManage(caller, community(report.communityId()));
        requireSubmitted(report.status(), id);
        MemberReport accepted = decideMember(report, ReportStatus.ACCEPTED, null);
        outbox.append(new MemberReportAccepted(id, report.memberId(), report.memberDistrict(), report.communityId()),
                accepted.version());
        return accepted;
    }

    @Transactional
    public MemberReport declineMemberReport(Caller caller, UUID id, String reason) {
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
    public MemberReport withdrawMemberReport(Caller caller, UUID id) {
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

    public Page<MemberReport> memberReports(Caller caller, UUID communityId, ReportStatus status, int page, int size) {
        access.requireManage(caller, community(communityId));
        return reportsOf("member_report", ReportingService::memberReport, communityId, status, page, size);
    }

    /** Feedback to the home organisation: this district's members' reports in other districts. */
    public record ReportElsewhere(UUID reportId, UUID memberId, String district, UUID communityId, String status,
                                  String reason) {
    }

    public List<ReportElsewhere> reportsElsewhere(UUID memberId) {
        return jdbc.sql("select * from member_report_elsewhere where member_id = ? order by updated_at desc")
                .param(memberId)
                .query((rs, i) -> new ReportElsewhere(rs.getObject("report_id", UUID.class),
                        rs.getObject("member_id", UUID.class), rs.getString("district"),
                        rs.getObject("community_id", UUID.class), rs.getString("status"), rs.getString("reason")))
                .list();
    }

    /** Records another district's news of one of our members' reports (called by the events listener). */
    public void recordReportElsewhere(String district, UUID reportId, UUID memberId, UUID communityId,
                                      ReportStatus status, String reason) {
        jdbc.sql("insert into member_report_elsewhere (report_id, member_id, district, community_id, status, reason) "
                        + "values (?, ?, ?, ?, ?, ?) on conflict (report_id) do update set status = excluded.status, "
                        + "reason = excluded.reason, updated_at = now()")
                .params(reportId, memberId, district, communityId, status.name(), reason).update();
    }

    private KnownMember knownMember(UUID memberId) {
        var own = members.find(memberId).filter(m -> m.status() != MemberStatus.TRANSFERRED_OUT);
        if (own.isPresent()) {
            var m = own.get();
            return new KnownMember(access.district(), m.homeOrganisationId(), m.residenceDistrict(),
                    m.residenceCommunityId(), m.category());
        }
        return directory.member(memberId).filter(Directory.ExternalMember::active)
                .map(m -> new KnownMember(m.district(), m.homeOrganisationId(), m.residenceDistrict(),
                        m.residenceCommunityId(), m.category()))
                .orElseThrow(() -> new DomainRuleException("memberId", "member " + memberId
                        + " is not known in district " + access.district()));
    }

    private MemberReport lockMemberReport(UUID id) {
        return jdbc.sql("select * from member_report where id = ? for update").param(id)
                .query(ReportingService::memberReport).optional()
                .orElseThrow(() -> new NotFoundException("member report " + id + " not found"));
    }

    private MemberReport decideMember(MemberReport r, ReportStatus status, String reason) {
        MemberReport decided = new MemberReport(r.id(), r.memberId(), r.memberDistrict(), r.homeOrganisationId(),
                r.communityId(), status, reason, r.version() + 1, r.submittedAt(), Instant.now());
        jdbc.sql("update member_report set status = ?, reason = ?, version = ?, decided_at = now() where id = ?")
                .params(status.name(), reason, decided.version(), r.id()).update();
        return decided;
    }

    private static MemberReport memberReport(ResultSet rs, int i) throws SQLException {
        return new MemberReport(rs.getObject("id", UUID.class), rs.getObject("member_id", UUID.class),
                rs.getString("member_district"), rs.getObject("home_organisation_id", UUID.class),
                rs.getObject("community_id", UUID.class), ReportStatus.valueOf(rs.getString("status")),
                rs.getString("reason"), rs.getLong("version"), instant(rs.getTimestamp("submitted_at")),
                instant(rs.getTimestamp("decided_at")));
    }

    /** One page of a community's reports of one kind (newest first), optionally of one status. */
    private <R> Page<R> reportsOf(String table, org.springframework.jdbc.core.RowMapper<R> mapper, UUID communityId,
                                  ReportStatus status, int page, int size) {
        String where = " where community_id = :community and (cast(:status as text) is null or status = :status)";
        String statusName = status == null ? null : status.name();
        long total = jdbc.sql("select count(*) from " + table + where).param("community", communityId)
                .param("status", statusName).query(Long.class).single();
        List<R> items = jdbc.sql("select * from " + table + where
                        + " order by submitted_at desc, id limit :limit offset :offset")
                .param("community", communityId).param("status", statusName)
                .param("limit", size).param("offset", (long) page * size).query(mapper).list();
        return Page.of(items, page, size, total);
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

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
