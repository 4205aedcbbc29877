package cn.zhangzhou.partybuilding.volunteering.brand;

import static cn.zhangzhou.partybuilding.volunteering.VolunteeringProperties.dayOf;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.events.volunteering.BrandProjectLaunched;
import cn.zhangzhou.partybuilding.events.volunteering.ServiceRecorded;
import cn.zhangzhou.partybuilding.messaging.Outbox;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;
import cn.zhangzhou.partybuilding.volunteering.VolunteeringProperties;
import cn.zhangzhou.partybuilding.volunteering.campaign.CampaignService;
import cn.zhangzhou.partybuilding.volunteering.scope.AccessPolicy;

/**
 * Brand projects (一社区一品牌, 一镇街一特色): staff of a community or street launch one and record what it did, by type
 * of service or outcome from the district's list (mediations, classes held, criminal leads reported ...).
 */
@Service
public class BrandProjectService {

    private static final Set<OrganisationType> HOLDERS = Set.of(OrganisationType.STREET_COMMITTEE,
            OrganisationType.COMMUNITY);

    private final BrandProjectStore projects;
    private final AccessPolicy access;
    private final CampaignService campaigns;
    private final Outbox outbox;
    private final Clock clock;
    private final Map<String, String> outcomeTypes;

    BrandProjectService(BrandProjectStore projects, AccessPolicy access, CampaignService campaigns, Outbox outbox,
                        Clock clock, VolunteeringProperties properties) {
        this.projects = projects;
        this.access = access;
        this.campaigns = campaigns;
        this.outbox = outbox;
        this.clock = clock;
        this.outcomeTypes = properties.volunteering().outcomeTypes();
    }

    Map<String, String> outcomeTypes() {
        return outcomeTypes;
    }

    @Transactional
    BrandProject launch(Caller caller, UUID organisationId, String name, String description) {
        access.requireOrganisation(organisationId, "organisationId", HOLDERS);
        access.requireManage(caller, organisationId);
        if (projects.nameTaken(organisationId, name)) {
            throw new ConflictException("organisation " + organisationId + " already has a brand project named " + name);
        }
        BrandProject p = new BrandProject(UUID.randomUUID(), organisationId, name, description, 1, now());
        projects.insert(p, caller.subject());
        outbox.append(new BrandProjectLaunched(p.id(), organisationId, name), 1);
        return p;
    }

    public BrandProject require(UUID id) {
        return projects.find(id).orElseThrow(() -> NotFoundException.of("brand project", id));
    }

    /** Staff in scope, or any member. */
    public BrandProject get(Caller caller, UUID id) {
        BrandProject p = require(id);
        access.requireReader(caller, p.organisationId());
        return p;
    }

    Page<BrandProject> list(Caller caller, UUID organisationId, int page, int size) {
        return projects.of(access.subtreeFor(caller, organisationId), page, size);
    }

    @Transactional
    BrandProject.ServiceRecord record(Caller caller, UUID projectId, String type, int quantity, LocalDate occurredOn,
                                      String subject, String note, UUID campaignId) {
        BrandProject p = projects.lock(projectId).orElseThrow(() -> NotFoundException.of("brand project", projectId));
        access.requireManage(caller, p.organisationId());
        if (!outcomeTypes.containsKey(type)) {
            throw new DomainRuleException("type", "unknown type " + type + "; the district's list is "
                    + outcomeTypes.keySet());
        }
        if (occurredOn.isAfter(dayOf(now()))) {
            throw new DomainRuleException("occurredOn", "must not be in the future");
        }
        UUID campaign = campaigns.requireFor(campaignId, p.organisationId(), occurredOn);
        BrandProject.ServiceRecord r = new BrandProject.ServiceRecord(UUID.randomUUID(), projectId, type, quantity,
                occurredOn, subject, note, campaign, now());
        projects.record(r, caller.subject());
        outbox.append(new ServiceRecorded(projectId, r.id(), p.organisationId(), type, quantity, occurredOn, campaign),
                p.version() + 1);
        return r;
    }

    Page<BrandProject.ServiceRecord> records(Caller caller, UUID projectId, int page, int size) {
        return projects.records(get(caller, projectId).id(), page, size);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
