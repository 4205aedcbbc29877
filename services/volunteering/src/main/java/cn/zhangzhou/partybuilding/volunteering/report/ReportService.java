package cn.zhangzhou.partybuilding.volunteering.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.volunteering.VolunteeringProperties;
import cn.zhangzhou.partybuilding.volunteering.brand.BrandProject;
import cn.zhangzhou.partybuilding.volunteering.brand.BrandProjectService;
import cn.zhangzhou.partybuilding.volunteering.campaign.Campaign;
import cn.zhangzhou.partybuilding.volunteering.campaign.CampaignService;
import cn.zhangzhou.partybuilding.directory.MembershipDirectory;
import cn.zhangzhou.partybuilding.volunteering.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.volunteering.volunteer.VolunteerService;

/**
 * Reports from verified hours and recorded services only (never from app activity): a volunteer's year by month and
 * category and their service record; what a community, street or the district did in a period, also per campaign;
 * a brand project's services and outcomes by type.
 */
@Service
class ReportService {

    /** The category of the hours of posts and activities without a specialty, and its label. */
    static final String GENERAL = "GENERAL";
    private static final String GENERAL_LABEL = "一般服务";

    record Figure(String key, String label, long serviceMinutes, double serviceHours, long trainingMinutes,
                  double trainingHours) {
    }

    record VolunteerYear(UUID volunteerId, int year, long serviceMinutes, double serviceHours, long trainingMinutes,
                         double trainingHours, List<Figure> byMonth, List<Figure> byCategory) {
    }

    record Outcome(String type, String label, long quantity, long records) {
    }

    /**
     * @param activeVolunteers    volunteers with approved service hours in the period
     * @param postClaims          claims (认岗) on the posts published in the period, withdrawn ones too
     * @param postsFilled         posts published in the period whose places are all claimed now
     * @param trainingAttendances volunteers with approved training hours, counted once per training
     */
    record OrganisationReport(UUID organisationId, UUID campaignId, LocalDate from, LocalDate to,
                              long activeVolunteers, long serviceMinutes, double serviceHours, long trainingMinutes,
                              double trainingHours, long postsPublished, long postClaims, long postsFilled,
                              long activitiesHeld, long activitySignUps, long trainingsHeld, long trainingAttendances,
                              List<Figure> byCategory, List<Outcome> outcomes) {
    }

    /** One line of a service record: an approved entry and what it was served on. */
    record Line(LocalDate servedOn, UUID communityId, String shiftKind, UUID shiftId, String title, String specialty,
                boolean training, int minutes, String source) {
    }

    record ProjectReport(UUID projectId, UUID organisationId, LocalDate from, LocalDate to, List<Outcome> outcomes) {
    }

    private final ReportStore reports;
    private final VolunteerService volunteers;
    private final CampaignService campaigns;
    private final BrandProjectService projects;
    private final MembershipDirectory directory;
    private final AccessPolicy access;
    private final Map<String, String> specialties;
    private final Map<String, String> outcomeTypes;

    ReportService(ReportStore reports, VolunteerService volunteers, CampaignService campaigns,
                  BrandProjectService projects, MembershipDirectory directory, AccessPolicy access,
                  VolunteeringProperties properties) {
        this.reports = reports;
        this.volunteers = volunteers;
        this.campaigns = campaigns;
        this.projects = projects;
        this.directory = directory;
        this.access = access;
        this.specialties = properties.volunteering().specialties();
        this.outcomeTypes = properties.volunteering().outcomeTypes();
    }

    /** The volunteer themselves, or staff in scope: their approved hours of a year by month and by category. */
    VolunteerYear year(Caller caller, UUID volunteerId, int year) {
        UUID id = volunteers.requireSelfOrStaff(caller, volunteerId).id();
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = LocalDate.of(year, 12, 31);
        List<Figure> byMonth = reports.byMonth(id, from, to).stream().map(m -> figure(m, m.key())).toList();
        List<Figure> byCategory = categories(reports.byCategory(id, from, to));
        long service = byMonth.stream().mapToLong(Figure::serviceMinutes).sum();
        long training = byMonth.stream().mapToLong(Figure::trainingMinutes).sum();
        return new VolunteerYear(id, year, service, hours(service), training, hours(training), byMonth, byCategory);
    }

    /** The volunteer themselves, or staff in scope: every approved entry, for the CSV export. */
    List<Line> serviceRecord(Caller caller, UUID volunteerId) {
        return reports.serviceRecord(volunteers.requireSelfOrStaff(caller, volunteerId).id());
    }

    /** Staff in scope: what the organisation's communities did from {@code from} to {@code to}. */
    OrganisationReport organisation(Caller caller, UUID organisationId, LocalDate from, LocalDate to) {
        requirePeriod(from, to);
        return report(access.subtreeFor(caller, organisationId), organisationId, from, to, null);
    }

    /**
     * Staff in scope: what the campaign grouped over its period, in its organisation or in one below it (a community's
     * staff see their community's part of a district's campaign).
     */
    OrganisationReport campaign(Caller caller, UUID campaignId, UUID organisationId) {
        Campaign c = campaigns.require(campaignId);
        UUID organisation = organisationId == null ? c.organisationId() : organisationId;
        if (!directory.isWithin(organisation, c.organisationId())) {
            throw new DomainRuleException("organisationId", "organisation " + organisation + " is not part of campaign "
                    + campaignId + " (of " + c.organisationId() + ")");
        }
        return report(access.subtreeFor(caller, organisation), organisation, c.startsOn(), c.endsOn(), campaignId);
    }

    /** Staff in scope, or any member: a brand project's services and outcomes by type in the period. */
    ProjectReport project(Caller caller, UUID projectId, LocalDate from, LocalDate to) {
        requirePeriod(from, to);
        BrandProject p = projects.get(caller, projectId);
        return new ProjectReport(projectId, p.organisationId(), from, to, outcomes(null, projectId, from, to, null));
    }

    private OrganisationReport report(List<UUID> within, UUID organisationId, LocalDate from, LocalDate to,
                                      UUID campaignId) {
        ReportStore.Counts c = reports.counts(within, from, to, campaignId);
        return new OrganisationReport(organisationId, campaignId, from, to, c.activeVolunteers(), c.serviceMinutes(),
                hours(c.serviceMinutes()), c.trainingMinutes(), hours(c.trainingMinutes()), c.postsPublished(),
                c.postClaims(), c.postsFilled(), c.activitiesHeld(), c.activitySignUps(), c.trainingsHeld(),
                c.trainingAttendances(), categories(reports.byCategory(within, from, to, campaignId)),
                outcomes(within, null, from, to, campaignId));
    }

    private List<Outcome> outcomes(List<UUID> within, UUID projectId, LocalDate from, LocalDate to, UUID campaignId) {
        return reports.outcomes(within, projectId, from, to, campaignId).stream()
                .map(o -> new Outcome(o.type(), outcomeTypes.getOrDefault(o.type(), o.type()), o.quantity(),
                        o.records()))
                .toList();
    }

    private List<Figure> categories(List<ReportStore.Minutes> minutes) {
        return minutes.stream().map(m -> {
            return figure(m, m.key() == null ? GENERAL_LABEL : specialties.getOrDefault(m.key(), m.key()));
        }).toList();
    }

    private static Figure figure(ReportStore.Minutes m, String label) {
        return new Figure(m.key() == null ? GENERAL : m.key(), label, m.service(), hours(m.service()), m.training(),
                hours(m.training()));
    }

    /** Hours to one decimal. */
    static double hours(long minutes) {
        return Math.round(minutes / 6.0) / 10.0;
    }

    private static void requirePeriod(LocalDate from, LocalDate to) {
        if (to.isBefore(from) || from.plusYears(5).isBefore(to)) {
            throw new DomainRuleException("to", "the period runs from 'from' to 'to', at most five years");
        }
    }
}
